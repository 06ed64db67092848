#!/usr/bin/env bash
# End-to-end, the original's test-multiple-clusters.sh: the default cluster, CLUSTER_ID=20 and
# DIND_LABEL=third, their three `up`s launched at the same time (no race on networks, kubeconfig or
# images). Asserts the original's exact names of masters, nodes, volumes, networks and contexts, that
# each cluster's nodes are Ready in its own context on its own subnet, that `clean` of one leaves the
# others alone (the last two cleaned concurrently), and that nothing is left at the end.
# The default cluster's pods talk across its two nodes (the bridge CNI's cross-node routes; the other
# tests' clusters use bridge too, cluster-lifecycle.sh checks ptp).
# The third cluster also runs a local registry (DIND_LOCAL_REGISTRY_PORT): its nodes pull what the host
# pushed, while the other two clusters' nodes have no route to it and no rule for its port, and it
# outlives the clean of another cluster.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ensure_kubectl
ensure_pod_image

# One worker each (the original ran two): 6 node containers on 2 cores instead of 9, same names checked.
export NUM_NODES=1
reg_port=$(free_port)
side_image="127.0.0.1:$reg_port/side-by-side:1"
ENVS=("" "CLUSTER_ID=20" "DIND_LABEL=third DIND_LOCAL_REGISTRY_PORT=$reg_port")
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
  docker image rm "$side_image" >/dev/null 2>&1 || true
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

log "the default cluster (CNI bridge): pods on the master and on kube-node-1 ping each other, DNS answers"
$DIND copy-image "$POD_IMAGE" -q >/dev/null
for n in kube-master kube-node-1; do
  k dind run "ping-$n" --image "$POD_IMAGE" --image-pull-policy=Never --restart=Never --command \
    --overrides "{\"spec\":{\"nodeSelector\":{\"kubernetes.io/hostname\":\"$n\"},\"tolerations\":[{\"operator\":\"Exists\"}]}}" \
    -- sleep 3600 >/dev/null
done
wait_for 120 "the ping pods Running" sh -c "[ \$('$KUBECTL' --context dind get pods ping-kube-master ping-kube-node-1 --no-headers | grep -c Running) -eq 2 ]"
ip_m=$(k dind get pod ping-kube-master -o jsonpath='{.status.podIP}')
ip_w=$(k dind get pod ping-kube-node-1 -o jsonpath='{.status.podIP}')
k dind exec ping-kube-master -- ping -c 2 -W 3 "$ip_w" >/dev/null || fail "the pod on kube-master ($ip_m) cannot ping the one on kube-node-1 ($ip_w)"
k dind exec ping-kube-node-1 -- ping -c 2 -W 3 "$ip_m" >/dev/null || fail "the pod on kube-node-1 ($ip_w) cannot ping the one on kube-master ($ip_m)"
k dind exec ping-kube-node-1 -- nslookup kubernetes.default.svc.cluster.local 10.96.0.10 | grep -qE "Address.*10\.96\.0\.1( |\$)" \
  || fail "the default cluster's DNS did not resolve kubernetes.default to 10.96.0.1"
log "  ok: $ip_m (kube-master) <-> $ip_w (kube-node-1), kubernetes.default resolves"

log "the third cluster's registry on 127.0.0.1:$reg_port, the other two beside it"
# Only the third cluster asked for one (other tests' clusters may have their own registries meanwhile).
for i in 0 1; do
  [ "$(count_labelled ps "dev.dindcluster.support=${LABELS[$i]}")" = 0 ] || fail "${LABELS[$i]} got a registry it did not ask for"
done
[ "$(docker port dind-registry-third)" = "5000/tcp -> 127.0.0.1:$reg_port" ] || fail "dind-registry-third is not on 127.0.0.1:$reg_port"
push_test_image "$side_image" side-by-side
pulls_on() { docker exec "$1" docker pull -q "$side_image" >/dev/null 2>&1; }
# Read the whole table first: with pipefail, `iptables-save | grep -q` fails whenever grep exits on an
# early match while docker exec is still writing (SIGPIPE), which made this check flaky.
has_rule() { local nat; nat=$(docker exec "$1" iptables-save -t nat) && [[ "$nat" == *"--dport $reg_port "* ]]; }
for n in kube-master-third kube-node-1-third; do
  has_rule "$n" || fail "$n has no NAT rule for its registry's port $reg_port"
  pulls_on "$n" || fail "$n cannot pull $side_image from its cluster's registry"
done
for n in kube-master kube-node-1 kube-master-cluster-20 kube-node-1-cluster-20; do
  pulls_on "$n" && fail "$n pulled $side_image: another cluster's registry reached it"
  has_rule "$n" && fail "$n has a NAT rule for the third cluster's port $reg_port"
done
log "  ok: the third cluster's nodes pull from it; the default and cluster-20 nodes neither reach it nor have a rule for it"

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
docker exec kube-node-1-third docker rmi -f "$side_image" >/dev/null
pulls_on kube-node-1-third || fail "the third cluster's registry did not survive the clean of cluster-20"

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
docker inspect dind-registry-third >/dev/null 2>&1 && fail "clean of DIND_LABEL=third left its registry"
[ -z "$("$KUBECTL" config get-contexts -o name)" ] || fail "contexts left: $("$KUBECTL" config get-contexts -o name)"
log "timings: 3 concurrent ups ${t_up} s, clean one ${t_clean1} s, clean two concurrently ${t_clean2} s"
log "*** OK ***"
