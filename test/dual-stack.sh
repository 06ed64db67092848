#!/usr/bin/env bash
# End-to-end, IP_MODE=dual-stack (Kubernetes 1.20 with the IPv6DualStack feature gate), as a
# second cluster (CLUSTER_ID=21: the original refused that; here dual-stack clusters run side by side):
#   up -> nodes Ready with an IPv4 and an IPv6 InternalIP each -> pods on two nodes get both
#   families (status.podIPs) and ping each other over both -> cluster DNS: AAAA and PTR of an IPv6
#   ClusterIP, outside names forwarded to the node's resolver -> no DNS64/NAT64 containers ->
#   down -> up (restore) -> both families still cross nodes -> clean removes everything.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ensure_kubectl
ensure_pod_image
t_start=$SECONDS

export IP_MODE=dual-stack CLUSTER_ID=21
suffix=-cluster-21 context=dind-cluster-21 label=cluster-21
docker container inspect "kube-master$suffix" >/dev/null 2>&1 && fail "kube-master$suffix already exists: not running over it"
docker network inspect "kubeadm-dind-net$suffix" >/dev/null 2>&1 && fail "network kubeadm-dind-net$suffix already exists"

workdir=$(mktemp -d)
export KUBECONFIG="$workdir/kubeconfig"
on_exit() {
  status=$?
  if [ $status -ne 0 ]; then
    log "failed: cluster state follows as a dump64 blob (split it with split-dump64)"
    $DIND dump64 2>/dev/null | tail -c 200000 || true
  fi
  $DIND clean -q >/dev/null 2>&1 || true
  rm -rf "$workdir"
  exit $status
}
trap on_exit EXIT
k() { "$KUBECTL" --context "$context" "$@"; }

t0=$SECONDS
$DIND up -q >/dev/null
t_up=$((SECONDS - t0))
log "up: ${t_up} s"
addresses=$(k get nodes -o jsonpath='{range .items[*]}{.metadata.name}={.status.addresses[?(@.type=="InternalIP")].address} {end}')
expected="kube-master$suffix=10.192.21.2 fd00:20:21::2 kube-node-1$suffix=10.192.21.3 fd00:20:21::3 kube-node-2$suffix=10.192.21.4 fd00:20:21::4 "
[ "$addresses" = "$expected" ] || fail "node addresses: '$addresses', expected '$expected'"
[ "$(k get nodes --no-headers | awk '$2=="Ready"' | wc -l)" = 3 ] || fail "not 3 Ready nodes: $(k get nodes)"
[ "$(count_labelled ps dev.dindcluster.support=$label)" = 0 ] || fail "dual-stack must not start DNS64/NAT64 containers"
docker exec "kube-master$suffix" pgrep -af kube-apiserver | grep -q 'feature-gates=IPv6DualStack=true' \
  || fail "kube-apiserver does not run with the IPv6DualStack feature gate"

$DIND copy-image "$POD_IMAGE" -q >/dev/null
for n in 1 2; do
  k run "ping-$n" --image "$POD_IMAGE" --image-pull-policy=Never --restart=Never \
    --overrides "{\"spec\":{\"nodeSelector\":{\"kubernetes.io/hostname\":\"kube-node-$n$suffix\"}}}" \
    --command -- sleep 3600 >/dev/null
done

check_both_families() {
  wait_for 120 "test pods Running" sh -c "[ \$($KUBECTL --context $context get pods ping-1 ping-2 --no-headers | grep -c Running) -eq 2 ]"
  local v4 v6 i
  for i in 1 2; do
    read -r v4 v6 < <(k get pod "ping-$i" -o jsonpath='{.status.podIPs[0].ip} {.status.podIPs[1].ip}{"\n"}')
    [[ "$v4" == 10.244.* && "$v6" == fd00:40:* ]] || fail "ping-$i has podIPs '$v4' '$v6', not one of each family"
    eval "v4_$i=$v4 v6_$i=$v6"
  done
  # shellcheck disable=SC2154
  for pair in "1 $v4_2" "1 $v6_2" "2 $v4_1" "2 $v6_1"; do
    set -- $pair
    k exec "ping-$1" -- ping -c 2 -W 3 "$2" >/dev/null || fail "ping-$1 cannot reach $2 on the other node"
  done
  log "  ok: ping-1 $v4_1 $v6_1 <-> ping-2 $v4_2 $v6_2"
}
log "pods on both workers: both families, both reach across nodes"
check_both_families
log "cluster DNS (IPv6 service address): AAAA and PTR of kubernetes.default, outside names forwarded"
svc_answer=$(k exec ping-1 -- nslookup -type=AAAA kubernetes.default.svc.cluster.local fd00:30::a 2>&1 | awk '/^Address/ && !/#|\]:53/ {print $2}' | tail -n1)
[ "$svc_answer" = "fd00:30::1" ] || fail "cluster DNS gave '$svc_answer' for kubernetes.default, not fd00:30::1"
ptr_answer=$(k exec ping-1 -- nslookup fd00:30::1 fd00:30::a 2>&1 | awk -F'name = ' '/name =/ {print $2}' | head -n1)
[ "$ptr_answer" = "kubernetes.default.svc.cluster.local" ] || fail "cluster DNS gave PTR '$ptr_answer' for fd00:30::1"
k exec ping-1 -- nslookup "kube-master$suffix." fd00:30::a 2>&1 | grep -q "10.192.21.2" \
  || fail "cluster DNS did not forward kube-master$suffix to the node's resolver"
log "  ok: $svc_answer, PTR $ptr_answer, kube-master$suffix forwarded"

log "down, up (restore)"
$DIND down -q
t0=$SECONDS
$DIND up -q >/dev/null
t_restore=$((SECONDS - t0))
log "restore up: ${t_restore} s"
[ "$(k get nodes --no-headers | awk '$2=="Ready"' | wc -l)" = 3 ] || fail "not 3 Ready nodes after restore"
# The pods were on the node volumes: kubelet starts them again with new sandboxes.
k delete pod ping-1 ping-2 --grace-period=0 --force >/dev/null 2>&1
wait_for 60 "old test pods gone" sh -c "! $KUBECTL --context $context get pod ping-1 ping-2 >/dev/null 2>&1"
for n in 1 2; do
  k run "ping-$n" --image "$POD_IMAGE" --image-pull-policy=Never --restart=Never \
    --overrides "{\"spec\":{\"nodeSelector\":{\"kubernetes.io/hostname\":\"kube-node-$n$suffix\"}}}" \
    --command -- sleep 3600 >/dev/null
done
check_both_families

t0=$SECONDS
$DIND clean -q
t_clean=$((SECONDS - t0))
for kind in ps volume network; do
  [ "$(count_labelled $kind dev.dindcluster.cluster=$label)" = 0 ] || fail "clean left $kind resources of $label"
done
"$KUBECTL" config get-contexts -o name | grep -qx "$context" && fail "clean left context $context"
log "timings: up ${t_up} s, restore ${t_restore} s, clean ${t_clean} s, total $((SECONDS - t_start)) s"
log "*** OK ***"
