#!/usr/bin/env bash
# End-to-end: Kubernetes' own conformance specs against a fresh cluster, offline.
#   e2e with a bad focus -> exit 2; e2e without a cluster -> exit 3;
#   up -> e2e with a handful of cheap conformance specs (DNS among them) -> all pass, JUnit XML and
#   a summary in the report directory -> clean.
# Builds or reuses (cached by their inputs) the node image, e2e.test/ginkgo and the test images.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
export CLUSTER_ID="${E2E_CLUSTER_ID:-17}"

FOCUS='DNS should provide DNS for (services|ExternalName services)|Pods should get a host IP|Kubectl version should check is all data is printed|Services should serve a basic endpoint from pods|Secrets should be consumable from pods in volume \[NodeConformance\]'
EXPECTED=6

log "node image, e2e binaries and test images (cached)"
"$ROOT/scripts/build-node-image" >/dev/null
"$ROOT/scripts/build-e2e-images" >/dev/null

workdir=$(mktemp -d)
export KUBECONFIG="$workdir/kubeconfig"
on_exit() {
  status=$?
  if [ $status -ne 0 ]; then
    [ -f "$workdir/report/summary.txt" ] && cat "$workdir/report/summary.txt" >&2
    [ -f "$workdir/report/e2e.log" ] && tail -n 60 "$workdir/report/e2e.log" >&2
  fi
  dind clean -q >/dev/null 2>&1 || true
  rm -rf "$workdir"
  exit $status
}
trap on_exit EXIT
dind clean -q >/dev/null 2>&1 || true   # a cluster left by an interrupted run of this test

expect_exit() { # CODE DESCRIPTION COMMAND...
  local want=$1 what=$2; shift 2
  local got=0
  "$@" >"$workdir/out" 2>"$workdir/err" || got=$?
  [ "$got" = "$want" ] || { cat "$workdir/err" >&2; fail "$what: exit $got, expected $want"; }
}
expect_exit 2 "unbalanced focus" dind e2e '[Conformance'
grep -q "focus expression '\[Conformance'" "$workdir/err" || fail "the error does not name the bad focus: $(cat "$workdir/err")"
expect_exit 2 "lookahead in skip" dind e2e-serial '\[Serial\]' '(?!x)'
expect_exit 3 "no cluster" dind e2e "$FOCUS"

log "up (CLUSTER_ID=$CLUSTER_ID)"
dind up -q >&2

log "e2e with $EXPECTED focused conformance specs"
t0=$SECONDS
code=0
dind e2e "$FOCUS" --report-dir "$workdir/report" >"$workdir/summary" 2>"$workdir/e2e.err" || code=$?
cat "$workdir/summary" >&2
[ "$code" = 0 ] || fail "e2e exited with $code"
head -n1 "$workdir/summary" | grep -q "^e2e: $EXPECTED passed, 0 failed" || fail "expected $EXPECTED passed specs: $(head -n1 "$workdir/summary")"
grep -q "DNS should provide DNS for services" "$workdir/summary" || fail "the DNS spec is not among the slowest list"
ls "$workdir"/report/junit_*.xml >/dev/null 2>&1 || fail "no JUnit XML in the report directory"
[ "$(grep -ho '<testcase' "$workdir"/report/junit_*.xml | wc -l)" -gt 1000 ] || fail "the JUnit XML lists too few specs"
grep -q "^report: $workdir/report" "$workdir/summary" || fail "the report location is not printed"
log "e2e took $((SECONDS - t0)) s (readiness wait, image copy and the specs)"

log "second run of one spec: the images are already in the nodes"
dind e2e 'Kubectl version should check is all data is printed' --report-dir "$workdir/report2" >"$workdir/summary2" 2>"$workdir/e2e2.err"
grep -q "Loading .* into .* nodes" "$workdir/e2e2.err" && fail "the second run copied images again"
head -n1 "$workdir/summary2" | grep -q "^e2e: 1 passed, 0 failed" || fail "second run: $(head -n1 "$workdir/summary2")"
log "OK"
