#!/usr/bin/env bash
# The Java API as users drive it, on the real engine: the example JBang scripts under
# scripts/examples/ and JShell through `scripts/jbang shell`.
#   - every example //DEPS the library version the POM builds;
#   - JShell: the API is imported and validates a configuration;
#   - ci-run.java: a failing command gets the cluster's dump64 blob on stdout (split it, nodes.txt is
#     there) and its exit code; the next run restores the cluster (close() took it down), a passing
#     command exits 0, --clean leaves nothing of the cluster behind.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ensure_kubectl

CLUSTER_ID=46
work=$(mktemp -d)
export KUBECONFIG="$work/kubeconfig"
on_exit() {
  status=$?
  CLUSTER_ID=$CLUSTER_ID $DIND clean -q >/dev/null 2>&1 || true
  rm -rf "$work"
  exit $status
}
trap on_exit EXIT

lib_version=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$ROOT/lib/pom.xml" | head -n1)
for f in "$ROOT"/scripts/examples/*; do
  grep -q "^//DEPS dev.dindcluster:dind-cluster-lib:$lib_version\$" "$f" || fail "$f does not //DEPS dind-cluster-lib:$lib_version"
done
log "ok: examples depend on dind-cluster-lib:$lib_version"

out=$(echo 'System.out.println("plan-ok " + DindCluster.builder().numNodes(1).clusterId(9).build().context())' \
  | timeout 300 "$ROOT/scripts/jbang" shell 2>&1) || true
grep -q "plan-ok dind-cluster-9" <<<"$out" || { echo "$out" >&2; fail "scripts/jbang shell did not run the API"; }
out=$(echo 'try { DindCluster.builder().numNodes(-1).ipMode("ipv5").build(); } catch (dev.dindcluster.config.InvalidConfigException e) { System.out.println("invalid: " + e.getMessage().replace("\n", " | ")); }' \
  | timeout 300 "$ROOT/scripts/jbang" shell 2>&1) || true
grep -q "invalid: .*NUM_NODES.*IP_MODE\|invalid: .*IP_MODE.*NUM_NODES" <<<"$out" || { echo "$out" >&2; fail "build() did not list every problem"; }
log "ok: scripts/jbang shell imports the API; build() lists every problem at once"

ci_run() { CLUSTER_ID=$CLUSTER_ID NUM_NODES=0 "$ROOT/scripts/jbang" "$ROOT/scripts/examples/ci-run.java" "$@"; }
rc=0
t0=$SECONDS
ci_run -- sh -c "'$KUBECTL' get nodes && exit 3" >"$work/blob.txt" 2>"$work/err1.txt" || rc=$?
[ $rc -eq 3 ] || { cat "$work/err1.txt" >&2; fail "ci-run with a failing command exited $rc, want 3"; }
grep -q "kube-master-cluster-$CLUSTER_ID *Ready" "$work/blob.txt" || { cat "$work/err1.txt" >&2; fail "the command did not reach the cluster through KUBECONFIG"; }
# The command's own output comes first on stdout, as in a CI log; split-dump64 finds the blob in it.
$DIND split-dump64 "$work/blob.txt" -o "$work/split" >/dev/null 2>"$work/split.err" || fail "the dump64 blob does not split: $(cat "$work/split.err")"
[ -s "$work/split/nodes.txt" ] || fail "the dump has no nodes.txt: $(ls "$work/split")"
log "ok: a failing command: exit 3, dump64 on stdout split into $(ls "$work/split" | wc -l) files ($((SECONDS - t0)) s)"
[ "$(docker ps -q --filter name=kube-master-cluster-$CLUSTER_ID | wc -l)" = 0 ] || fail "close() left the master running"
[ "$(docker volume ls -q --filter name=kube-master-cluster-$CLUSTER_ID | wc -l)" = 1 ] || fail "close() did not keep the volume (down)"

t0=$SECONDS
ci_run --clean -- "$KUBECTL" get nodes >"$work/out2.txt" 2>"$work/err2.txt" || { cat "$work/err2.txt" >&2; fail "ci-run with a passing command failed"; }
grep -q "kube-master-cluster-$CLUSTER_ID *Ready" "$work/out2.txt" || fail "the restored cluster's node is not Ready: $(cat "$work/out2.txt")"
grep -q "restored from snapshot\|Restoring" "$work/err2.txt" || { cat "$work/err2.txt" >&2; fail "the second run did not restore the cluster"; }
[ "$(docker ps -aq --filter label=dev.dindcluster.cluster=cluster-$CLUSTER_ID | wc -l)" = 0 ] || fail "--clean left containers"
[ "$(docker volume ls -q --filter label=dev.dindcluster.cluster=cluster-$CLUSTER_ID | wc -l)" = 0 ] || fail "--clean left volumes"
log "ok: restored, a passing command exits 0, --clean left nothing ($((SECONDS - t0)) s)"
log "examples: all passed"
