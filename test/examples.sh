#!/usr/bin/env bash
# The Java API as users drive it, on the real engine: the example JBang scripts under
# scripts/examples/ and JShell through `scripts/jbang shell`.
#   - every example //DEPS the library version the POM builds;
#   - JShell: the API is imported and validates a configuration;
#   - ci-run.java: a failing command gets the cluster's dump64 blob on stdout (split it, nodes.txt is
#     there) and its exit code; the next run restores the cluster (close() took it down), a passing
#     command exits 0, --clean leaves nothing of the cluster behind;
#   - rollout.java: a local image copied into the restored cluster and rolled out as a Deployment, ready;
#   - two-clusters.java: the restored cluster and a new one (CLUSTER_ID=48) up at the same time, each on
#     its own subnet and API port, with a workload (a local image copied in) ready on each.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ensure_kubectl

CLUSTER_ID=46
SECOND_ID=48
ensure_pod_image
work=$(mktemp -d)
export KUBECONFIG="$work/kubeconfig"
on_exit() {
  status=$?
  CLUSTER_ID=$CLUSTER_ID $DIND clean -q >/dev/null 2>&1 || true
  CLUSTER_ID=$SECOND_ID $DIND clean -q >/dev/null 2>&1 || true
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
CLUSTER_ID=$CLUSTER_ID NUM_NODES=0 "$ROOT/scripts/jbang" "$ROOT/scripts/examples/rollout.java" --down "$POD_IMAGE" 2 -- sleep 3600 \
  >"$work/rollout.txt" 2>"$work/rollout.err" || { cat "$work/rollout.err" >&2; fail "rollout.java failed"; }
[ "$(grep -c "^rollout-example-.* kube-master-cluster-$CLUSTER_ID Running$" "$work/rollout.txt")" = 2 ] \
  || fail "rollout.java did not print 2 running replicas: $(cat "$work/rollout.txt")"
log "ok: rollout.java copied $POD_IMAGE in and rolled out 2 ready replicas ($((SECONDS - t0)) s)"

t0=$SECONDS
NUM_NODES=0 "$ROOT/scripts/jbang" "$ROOT/scripts/examples/two-clusters.java" --keep $CLUSTER_ID $SECOND_ID \
  --image "$POD_IMAGE" -- sleep 3600 \
  >"$work/two.txt" 2>"$work/two.err" || { cat "$work/two.err" >&2; fail "two-clusters.java failed"; }
for id in $CLUSTER_ID $SECOND_ID; do
  grep -q "^dind-cluster-$id https://127.0.0.1:[0-9]* nodes: \[kube-master-cluster-$id=10.192.$id.2\] workload: hello ready on kube-master-cluster-$id$" "$work/two.txt" \
    || fail "two-clusters.java did not print cluster $id on its own subnet: $(cat "$work/two.txt")"
  [ "$(docker inspect -f '{{.State.Running}}' "kube-master-cluster-$id")" = true ] || fail "--keep did not keep cluster $id running"
done
[ "$(awk '{print $2}' "$work/two.txt" | sort -u | wc -l)" = 2 ] || fail "the two clusters share an API address"
log "ok: two-clusters.java brought up clusters $CLUSTER_ID and $SECOND_ID side by side ($((SECONDS - t0)) s)"
CLUSTER_ID=$SECOND_ID $DIND clean -q
[ "$(docker ps -aq --filter label=dev.dindcluster.cluster=cluster-$SECOND_ID | wc -l)" = 0 ] || fail "clean left cluster $SECOND_ID's containers"

t0=$SECONDS
ci_run --clean -- "$KUBECTL" get nodes >"$work/out2.txt" 2>"$work/err2.txt" || { cat "$work/err2.txt" >&2; fail "ci-run with a passing command failed"; }
grep -q "kube-master-cluster-$CLUSTER_ID *Ready" "$work/out2.txt" || fail "the restored cluster's node is not Ready: $(cat "$work/out2.txt")"
grep -q "restored from snapshot\|Restoring" "$work/err2.txt" || { cat "$work/err2.txt" >&2; fail "the second run did not restore the cluster"; }
[ "$(docker ps -aq --filter label=dev.dindcluster.cluster=cluster-$CLUSTER_ID | wc -l)" = 0 ] || fail "--clean left containers"
[ "$(docker volume ls -q --filter label=dev.dindcluster.cluster=cluster-$CLUSTER_ID | wc -l)" = 0 ] || fail "--clean left volumes"
log "ok: restored, a passing command exits 0, --clean left nothing ($((SECONDS - t0)) s)"
log "examples: all passed"
