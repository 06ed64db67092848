#!/usr/bin/env bash
# End-to-end, the original's test-multiple-clusters.sh: the default cluster, CLUSTER_ID=20 and
# DIND_LABEL=third, their three `up`s launched at the same time (no race on networks, kubeconfig or
# images). Asserts the original's exact names of masters, nodes, volumes, networks and contexts, that
# each cluster's nodes are Ready in its own context on its own subnet, that `clean` of one leaves the
# others alone (the last two cleaned concurrently), and that nothing is left at the end.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ensure_kubectl

# One worker each (the original ran two): 6 node containers on 2 cores instead of 9, same names checked.
export NUM_NODES=1
ENVS=("" "CLUSTER_ID=20" "DIND_LABEL=third")
SUFFIXES=("" "-cluster-20" "-third")
CONTEXTS=(dind dind-cluster-20 dind-third)
LABELS=(mirantis.kubeadm_dind_cluster_runtime cluster-20 third)

# Never touch someone else's cluster on the shared engine.
for s in "${SUFFIXES[@]}"; do
  for what in "container kube-master$s" "network kubeadm-dind-net$s" "volume kubeadm-dind-kube-master$s"; do
    if docker ${what%% *} inspect "${what#* }" >/dev/null 2>&1; then
      fail "${what} already exists (someone's cluster?): not running over it; clean it first"
    fi
  done
done

workdir=$(mktemp -d)
export KUBECONFIG="$workdir/kubeconfig"
on_exit() {
  status=$?
  if [ $status -ne 0 ]; then
    for i in 0 1 2; do
      [ -f "$workdir/up-$i.log" ] && { log "output of up #$i (${ENVS[$i]:-default}):"; tail -n 25 "$workdir/up-$i.log" >&2; }
    done
  fi
  for i in 0 1 2; do
    # shellcheck disable=SC2086
    env ${ENVS[$i]} $DIND clean -q >/dev/null 2>&1 || true
  done
  rm -rf "$workdir"
  exit $status
}
trap on_exit EXIT

k() { "$KUBECTL" --context "$1" "${@:2}"; }
count_exact() { # <regex> <list...>: how many lines match the anchored regex
  local re=$1; shift
  printf '%s\n' "$@" | grep -cE "^${re}\$" || true
}

log "three ups launched together: default, CLUSTER_ID=20, DIND_LABEL=third"
t0=$SECONDS
pids=()
for i in 0 1 2; do
  # shellcheck disable=SC2086
  ( start=$SECONDS; env ${ENVS[$i]} $DIND up -q >"$workdir/up-$i.log" 2>&1; rc=$?
    echo "$rc $((SECONDS - start))" >"$workdir/up-$i.rc" ) &
  pids+=($!)
done
wait "${pids[@]}"
for i in 0 1 2; do
  read -r rc secs <"$workdir/up-$i.rc"
  [ "$rc" = 0 ] || fail "up #$i (${ENVS[$i]:-default}) exited $rc"
  log "  up ${ENVS[$i]:-(default)}: ${secs} s"
done
t_up=$((SECONDS - t0))
log "all three up in ${t_up} s"

mapfile -t containers < <(docker ps --format '{{.Names}}')
mapfile -t volumes < <(docker volume ls --format '{{.Name}}')
mapfile -t networks < <(docker network ls --format '{{.Name}}')
mapfile -t contexts < <(k dind config get-contexts -o name)
subnets=()
for i in 0 1 2; do
  s=${SUFFIXES[$i]}; re_s=${s//-/\\-}
  [ "$(count_exact "kube-master$re_s" "${containers[@]}")" = 1 ] || fail "not exactly one container kube-master$s: ${containers[*]}"
  [ "$(count_exact "kube-node-1$re_s" "${containers[@]}")" = 1 ] || fail "not one container kube-node-1$s"
  [ "$(count_exact "kubeadm-dind-kube-master$re_s" "${volumes[@]}")" = 1 ] || fail "not exactly one volume kubeadm-dind-kube-master$s"
  [ "$(count_exact "kubeadm-dind-kube-node-1$re_s" "${volumes[@]}")" = 1 ] || fail "not one volume kubeadm-dind-kube-node-1$s"
  [ "$(count_exact "kubeadm-dind-net$re_s" "${networks[@]}")" = 1 ] || fail "not exactly one network kubeadm-dind-net$s"
  [ "$(count_exact "${CONTEXTS[$i]}" "${contexts[@]}")" = 1 ] || fail "no kubectl context ${CONTEXTS[$i]}: ${contexts[*]}"
  [ "$(count_labelled ps "dev.dindcluster.cluster=${LABELS[$i]}")" = 2 ] || fail "not 2 containers labelled ${LABELS[$i]}"
  docker inspect -f '{{index .Config.Labels "'"${LABELS[$i]}"'"}}' "kube-master$s" >/dev/null \
    || fail "kube-master$s lacks the original's bare label ${LABELS[$i]}"
  ready=$(k "${CONTEXTS[$i]}" get nodes --no-headers | awk -v s="$s" '$2 == "Ready" && $1 ~ ("^kube-(master|node-[0-9]+)" s "$")' | wc -l)
  [ "$ready" = 2 ] || fail "context ${CONTEXTS[$i]}: not 2 Ready nodes named *$s: $(k "${CONTEXTS[$i]}" get nodes)"
  subnets+=("$(docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}' "kubeadm-dind-net$s")")
done
[ "$(k dind config current-context)" = dind ] || fail "the current context is not dind (only the default cluster switches it)"
[ "${subnets[0]}" = 10.192.0.0/24 ] && [ "${subnets[1]}" = 10.192.20.0/24 ] || fail "management subnets: ${subnets[*]}"
[[ "${subnets[2]}" =~ ^10\.192\.([1-9]|1[0-2])\.0/24$ ]] || fail "DIND_LABEL=third got subnet ${subnets[2]}, not 10.192.<1..12>.0/24"
log "  ok: names, volumes, networks (${subnets[*]}), contexts, 2 Ready nodes each"

log "clean CLUSTER_ID=20 alone"
t0=$SECONDS
CLUSTER_ID=20 $DIND clean -q
t_clean1=$((SECONDS - t0))
[ "$(count_labelled ps dev.dindcluster.cluster=cluster-20)" = 0 ] || fail "clean left containers of cluster-20"
for i in 0 2; do
  [ "$(count_labelled ps "dev.dindcluster.cluster=${LABELS[$i]}")" = 2 ] || fail "clean of cluster-20 touched ${LABELS[$i]}'s containers"
  [ "$(count_labelled volume "dev.dindcluster.cluster=${LABELS[$i]}")" = 2 ] || fail "clean of cluster-20 touched ${LABELS[$i]}'s volumes"
  docker network inspect "kubeadm-dind-net${SUFFIXES[$i]}" >/dev/null || fail "clean of cluster-20 removed kubeadm-dind-net${SUFFIXES[$i]}"
  k "${CONTEXTS[$i]}" get nodes >/dev/null || fail "context ${CONTEXTS[$i]} no longer works after cleaning cluster-20"
done
k dind config get-contexts -o name | grep -qx dind-cluster-20 && fail "context dind-cluster-20 survived its clean"

log "clean the default and third clusters concurrently"
t0=$SECONDS
$DIND clean -q & p1=$!
DIND_LABEL=third $DIND clean -q & p2=$!
wait $p1 || fail "clean of the default cluster failed"
wait $p2 || fail "clean of DIND_LABEL=third failed"
t_clean2=$((SECONDS - t0))
for i in 0 1 2; do
  for kind in ps volume network; do
    [ "$(count_labelled $kind "dev.dindcluster.cluster=${LABELS[$i]}")" = 0 ] || fail "$kind of ${LABELS[$i]} left after clean"
  done
done
[ -z "$("$KUBECTL" config get-contexts -o name)" ] || fail "contexts left: $("$KUBECTL" config get-contexts -o name)"
log "timings: 3 concurrent ups ${t_up} s, clean one ${t_clean1} s, clean two concurrently ${t_clean2} s"
log "*** OK ***"
