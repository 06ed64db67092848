#!/usr/bin/env bash
# End-to-end, faults survived without `clean`, on one 1 + 1 cluster with a DIND_LABEL and a random
# cluster id (what CI jobs and side-by-side users run):
#   1. `up` killed with SIGKILL (its whole process group, as a CI timeout does) while the nodes
#      start, and after kubeadm init (during the join); each next `up` replaces the unfinished
#      volumes by itself (saying so) and the last one brings the cluster up. (A kill during init
#      itself is not tried: it leaves the same unfinished volumes as these two, and costs a bring-up.)
#   2. On the running cluster, with a namespace and a ConfigMap created first: a worker killed (status
#      names it) and then the master stopped (an engine restart); the containers and the network
#      removed (volumes remain; this covers a removed master too). After each, `up` restores the
#      cluster and the objects are there.
#   3. `clean` leaves nothing labelled as this cluster's, and no stray file beside the kubeconfig.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ensure_kubectl

label="faults-$$"
export DIND_LABEL="$label" NUM_NODES=1
unset CLUSTER_ID
ours="dev.dindcluster.cluster=$label"
master="kube-master-$label"; worker="kube-node-1-$label"; context="dind-$label"
workdir=$(mktemp -d)
export KUBECONFIG="$workdir/kubeconfig"
on_exit() {
  status=$?
  if [ $status -ne 0 ]; then
    for f in "$workdir"/up-*.log; do
      [ -f "$f" ] && { log "output of $(basename "$f"):"; tail -n 15 "$f" >&2; }
    done
  fi
  $DIND clean -q >/dev/null 2>&1 || true
  rm -rf "$workdir"
  exit $status
}
trap on_exit EXIT

k() { "$KUBECTL" --context "$context" "$@"; }
nodes_ready() { [ "$(k get nodes --no-headers 2>/dev/null | awk '$2=="Ready"' | wc -l)" -eq 2 ]; }

# up_killed_after <name> <progress line (regex)> <extra seconds>: starts `up` in its own process
# group and kills the whole group with SIGKILL once that line is on its stderr plus the delay.
up_killed_after() {
  local name=$1 line=$2 delay=$3 log_file="$workdir/up-$1.log"
  setsid $DIND up >/dev/null 2>"$log_file" &
  local pid=$! deadline=$((SECONDS + 240))
  until grep -qE "$line" "$log_file"; do
    kill -0 "$pid" 2>/dev/null || fail "up ($name) ended before '$line'"
    [ $SECONDS -lt $deadline ] || fail "up ($name) never printed '$line'"
    sleep 0.2
  done
  sleep "$delay"
  kill -0 "$pid" 2>/dev/null || fail "up ($name) ended before it could be killed"
  kill -KILL -- "-$pid"
  wait "$pid" 2>/dev/null || true
  log "  killed up ($name) $delay s after '$line'; left: $(count_labelled ps "$ours") containers, $(count_labelled volume "$ours") volumes"
}

replaced_unfinished_volumes() { # <log file>: the up said it replaced the volumes of the killed run
  grep -q "hold no complete snapshot (an earlier bring-up was interrupted): they are replaced by a full bring-up" "$1"
}

log "1. up killed while the nodes start, and during the join"
up_killed_after nodes-start '^\* Creating network and node volumes' 1
[ "$(count_labelled volume "$ours")" -eq 2 ] || fail "the killed up should have left its 2 volumes"
status_rc=0; $DIND status >"$workdir/status.txt" 2>/dev/null || status_rc=$?
[ $status_rc -eq 3 ] || fail "status after a killed up exited $status_rc, not 3"
grep -q "holds no complete snapshot" "$workdir/status.txt" && grep -q "^next up: full bring-up" "$workdir/status.txt" \
  || fail "status did not name the unfinished snapshot: $(cat "$workdir/status.txt")"
up_killed_after join '^\* Writing kubeconfig' 2
replaced_unfinished_volumes "$workdir/up-join.log" || fail "up after a run killed while the nodes started did not replace the unfinished volumes"
t0=$SECONDS
$DIND up >/dev/null 2>"$workdir/up-final.log" || fail "up after two killed runs failed"
replaced_unfinished_volumes "$workdir/up-final.log" || fail "the last up did not say it replaced the unfinished volumes"
log "  ok: up after two killed runs, without clean: $((SECONDS - t0)) s"
nodes_ready || fail "not 2 Ready nodes: $(k get nodes)"
cluster_id=$(docker network inspect -f '{{index .Labels "dev.dindcluster.cluster-id"}}' "kubeadm-dind-net-$label")

k create namespace survivor >/dev/null
k -n survivor create configmap kept --from-literal=made-before=fault >/dev/null
survived() {
  [ "$(k -n survivor get configmap kept -o jsonpath='{.data.made-before}')" = fault ] \
    || fail "the ConfigMap made before the fault is gone after $1"
}

# restore_after <fault>: `up` must restore (not a full bring-up) and keep the objects.
restore_after() {
  local fault=$1 t0=$SECONDS out
  out=$($DIND up 2>"$workdir/up-restore.log") || fail "up after $fault failed"
  grep -q "restored from snapshot" <<<"$out" || fail "up after $fault did not restore: $(head -n1 <<<"$out")"
  nodes_ready || fail "not 2 Ready nodes after $fault: $(k get nodes)"
  survived "$fault"
  log "  ok: restored after $fault in $((SECONDS - t0)) s, objects kept"
}

log "2. faults of a running cluster"
$DIND status >/dev/null 2>&1 || fail "status of the running cluster did not exit 0"
docker kill "$worker" >/dev/null
status_rc=0; $DIND status >"$workdir/status.txt" 2>/dev/null || status_rc=$?
[ $status_rc -eq 3 ] && grep -q "^problem: $worker: container exited" "$workdir/status.txt" \
  && grep -q "^next up: restore" "$workdir/status.txt" || fail "status after the worker was killed: $(cat "$workdir/status.txt")"
# The master stopped too, as an engine restart would leave it: one restore for both (a restore starts
# every node from its volume, whichever of them were down).
docker stop -t 5 "$master" >/dev/null
restore_after "the worker was killed and the master stopped (engine restart)"
docker rm -f "$master" "$worker" >/dev/null
docker network rm "kubeadm-dind-net-$label" >/dev/null
restore_after "the containers and the network were removed"
now_id=$(docker network inspect -f '{{index .Labels "dev.dindcluster.cluster-id"}}' "kubeadm-dind-net-$label")
[ "$now_id" = "$cluster_id" ] || fail "the network came back with cluster id $now_id, not the snapshot's $cluster_id"

log "3. clean"
$DIND clean -q
for kind in ps volume network; do
  [ "$(count_labelled $kind "$ours")" -eq 0 ] || fail "clean left $kind resources labelled $ours"
done
stray=$(find "$workdir" -mindepth 1 -maxdepth 1 ! -name 'kubeconfig*' ! -name 'up-*.log' ! -name status.txt -printf '%f ')
[ -z "$stray" ] || fail "files left beside the kubeconfig: $stray"
log "*** OK ***"
