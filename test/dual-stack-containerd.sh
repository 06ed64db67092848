#!/usr/bin/env bash
# End-to-end, one cluster for two options that are independent of each other: IP_MODE=dual-stack
# (Kubernetes 1.20 with the IPv6DualStack feature gate) and DIND_CRI=containerd (kubelets use the
# node's containerd through CRI), as a second cluster (CLUSTER_ID=21: the original refused that;
# here dual-stack clusters run side by side). IPv4 on Docker is covered by cluster-lifecycle.sh,
# IPv6-only on Docker by ipv6.sh; one cluster here instead of two keeps the suite in its budget.
#   up -> nodes Ready with an IPv4 and an IPv6 InternalIP each, on containerd://, no dockerd in the
#   nodes -> copy-image lands in containerd's k8s.io namespace on every node -> an image pushed from
#   the host to the cluster's local registry (DIND_LOCAL_REGISTRY_PORT) runs under that name on a
#   worker, pulled by containerd -> pods on two workers
#   get both families (status.podIPs) and ping each other over both -> cluster DNS: AAAA and PTR of
#   an IPv6 ClusterIP, outside names forwarded to the node's resolver -> exec into a privileged pod
#   -> no DNS64/NAT64 containers -> dump | split-dump has containerd's sections -> down -> up with
#   DIND_CRI=docker is refused (exit 3, nothing started) -> up (restore on containerd) -> new pods
#   from the copied image cross nodes over both families -> clean removes everything.
# On failure the cluster state is printed as a dump64 blob and the cluster is cleaned up.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ensure_kubectl
ensure_pod_image
t_start=$SECONDS

export IP_MODE=dual-stack DIND_CRI=containerd CLUSTER_ID=21
reg_port=$(free_port)
export DIND_LOCAL_REGISTRY_PORT=$reg_port
registry_image="127.0.0.1:$reg_port/app:containerd"
suffix=-cluster-21 context=dind-cluster-21 label=cluster-21 ours=dev.dindcluster.cluster=cluster-21
nodes=("kube-master$suffix" "kube-node-1$suffix" "kube-node-2$suffix")
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
  docker image rm "$registry_image" >/dev/null 2>&1 || true
  rm -rf "$workdir"
  exit $status
}
trap on_exit EXIT
k() { "$KUBECTL" --context "$context" "$@"; }
in_node() { docker exec "$1" sh -c "$2"; }

t0=$SECONDS
$DIND up -q >/dev/null
t_up=$((SECONDS - t0))
log "up: ${t_up} s"
addresses=$(k get nodes -o jsonpath='{range .items[*]}{.metadata.name}={.status.addresses[?(@.type=="InternalIP")].address} {end}')
# The services are IPv6 (the original's dual-stack), so each node's first address is its IPv6 one: what
# takes "the node's address" (NodePorts, conformance specs) must reach IPv6 services there.
expected="kube-master$suffix=fd00:20:21::2 10.192.21.2 kube-node-1$suffix=fd00:20:21::3 10.192.21.3 kube-node-2$suffix=fd00:20:21::4 10.192.21.4 "
[ "$addresses" = "$expected" ] || fail "node addresses: '$addresses', expected '$expected'"
[ "$(k get nodes --no-headers | awk '$2=="Ready"' | wc -l)" = 3 ] || fail "not 3 Ready nodes: $(k get nodes)"
[ "$(docker ps --filter label=dev.dindcluster.support=$label --format '{{.Names}}')" = "dind-registry$suffix" ] \
  || fail "dual-stack must start no DNS64/NAT64 containers (only the local registry)"
[[ "$(docker exec "kube-master$suffix" pgrep -af kube-apiserver)" == *feature-gates=IPv6DualStack=true* ]] \
  || fail "kube-apiserver does not run with the IPv6DualStack feature gate"
runtimes=$(k get nodes -o jsonpath='{range .items[*]}{.status.nodeInfo.containerRuntimeVersion}{"\n"}{end}')
[ "$(grep -c '^containerd://' <<<"$runtimes")" -eq 3 ] || fail "not every node runs on containerd: $runtimes"
for node in "${nodes[@]}"; do
  [ "$(in_node "$node" 'cat /run/dind/cri')" = containerd ] || fail "$node: /run/dind/cri is not containerd"
  in_node "$node" 'systemctl is-active -q docker.service' && fail "$node: dockerd runs although kubelet uses containerd"
  in_node "$node" 'grep -q -- "--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock" /var/lib/kubelet/kubeadm-flags.env' \
    || fail "$node: kubelet is not pointed at containerd's socket"
done
[ "$(docker volume inspect -f '{{ index .Labels "dev.dindcluster.cri" }}' "kubeadm-dind-kube-node-1$suffix")" = containerd ] \
  || fail "node volume not labelled dev.dindcluster.cri=containerd"
log "  ok: node addresses of both families, 3 nodes Ready on $(head -1 <<<"$runtimes"), no dockerd in the nodes"

t0=$SECONDS
$DIND copy-image "$POD_IMAGE" -q >/dev/null
for node in "${nodes[@]}"; do
  in_node "$node" "ctr -n k8s.io images ls -q | grep -qx 'docker.io/$POD_IMAGE'" || fail "$node: copy-image did not import $POD_IMAGE into containerd's k8s.io namespace"
done
log "  ok: copy-image into containerd on 3 nodes in $((SECONDS - t0)) s"

t0=$SECONDS
push_test_image "$registry_image" pulled-by-containerd
k run from-registry --image "$registry_image" --image-pull-policy=Always --restart=Never \
  --overrides "{\"spec\":{\"nodeSelector\":{\"kubernetes.io/hostname\":\"kube-node-1$suffix\"}}}" \
  --command -- sh -c 'cat /built; sleep 3600' >/dev/null
wait_for 120 "pod from-registry Running" sh -c "$KUBECTL --context $context get pod from-registry --no-headers | grep -q Running"
[ "$(k logs from-registry)" = pulled-by-containerd ] || fail "from-registry does not run the pushed image: $(k logs from-registry 2>&1)"
in_node "kube-node-1$suffix" "ctr -n k8s.io images ls -q | grep -qx '$registry_image'" || fail "containerd on kube-node-1 did not pull $registry_image"
k delete pod from-registry --grace-period=0 --force >/dev/null 2>&1
log "  ok: pushed to 127.0.0.1:$reg_port and pulled by containerd under that name in $((SECONDS - t0)) s"

run_test_pods() { # a pod from the copied image (never pulled) on each worker
  local n
  for n in 1 2; do
    k run "ping-$n" --image "$POD_IMAGE" --image-pull-policy=Never --restart=Never \
      --overrides "{\"spec\":{\"nodeSelector\":{\"kubernetes.io/hostname\":\"kube-node-$n$suffix\"}}}" \
      --command -- sleep 3600 >/dev/null
  done
}
check_both_families() {
  wait_for 120 "test pods Running" sh -c "[ \$($KUBECTL --context $context get pods ping-1 ping-2 --no-headers | grep -c Running) -eq 2 ]"
  local v4 v6 i
  for i in 1 2; do
    read -r v4 v6 < <(k get pod "ping-$i" -o jsonpath='{.status.podIPs[0].ip} {.status.podIPs[1].ip}{"\n"}')
    [[ "$v4" == *:* ]] && { local t=$v4; v4=$v6; v6=$t; }  # kubelet lists the node's primary family first
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
run_test_pods
check_both_families
log "cluster DNS (IPv6 service address): AAAA and PTR of kubernetes.default, outside names forwarded"
svc_answer=$(k exec ping-1 -- nslookup -type=AAAA kubernetes.default.svc.cluster.local fd00:30::a 2>&1 | awk '/^Address/ && !/#|\]:53/ {print $2}' | tail -n1)
[ "$svc_answer" = "fd00:30::1" ] || fail "cluster DNS gave '$svc_answer' for kubernetes.default, not fd00:30::1"
ptr_answer=$(k exec ping-1 -- nslookup fd00:30::1 fd00:30::a 2>&1 | awk -F'name = ' '/name =/ {print $2}' | head -n1)
[ "$ptr_answer" = "kubernetes.default.svc.cluster.local" ] || fail "cluster DNS gave PTR '$ptr_answer' for fd00:30::1"
k exec ping-1 -- nslookup "kube-master$suffix." fd00:30::a 2>&1 | grep -q "10.192.21.2" \
  || fail "cluster DNS did not forward kube-master$suffix to the node's resolver"
proxy=$(k -n kube-system get pods -l k8s-app=kube-proxy --field-selector "spec.nodeName=kube-node-1$suffix" -o name)
k -n kube-system exec "$proxy" -- ip6tables -t nat -S KUBE-SERVICES | grep -q "fd00:30::a" \
  || fail "exec into $proxy (privileged) failed or its rules lack the DNS service"
log "  ok: $svc_answer, PTR $ptr_answer, kube-master$suffix forwarded; exec into $proxy"
check_default_dns k "kube-master$suffix." 10.192.21.2

log "dump | split-dump"
out="$workdir/dump"
$DIND dump 2>/dev/null > "$workdir/dump.txt"
$DIND split-dump --output "$out" "$workdir/dump.txt" >/dev/null
for node in "${nodes[@]}"; do
  for f in "service-$node-containerd.service.log" "service-$node-kubelet.service.log" "ctr-containers-$node.txt" "psaux-$node.txt"; do
    [ -s "$out/$f" ] || fail "dump has no (or an empty) $f: $(ls "$out" | head -30)"
  done
  [ ! -e "$out/dockerps-a-$node.txt" ] || fail "dump has docker's container list for containerd node $node"
done
grep -q "kube-system/kube-proxy-.*kube-proxy" "$out/ctr-containers-kube-node-1$suffix.txt" || fail "ctr-containers lists no kube-proxy container"
grep -q "default/ping-1" "$out/ctr-containers-kube-node-1$suffix.txt" || fail "ctr-containers of kube-node-1 lists no ping-1"
grep -q "active (running)" "$out/service-kube-node-2$suffix-containerd.service.log" || fail "containerd.service is not running per the dump"
compgen -G "$out/pod-kube-master$suffix-kube-system-kube-apiserver*" >/dev/null || fail "no kube-apiserver log in the dump"
log "  ok: $(ls "$out" | wc -l) sections"

log "down, a restore on the other runtime refused, up (restore)"
$DIND down -q
[ "$(count_labelled ps "$ours")" -eq 0 ] || fail "containers left after down"
status=0
DIND_CRI=docker $DIND up -q >/dev/null 2>"$workdir/wrong-cri.err" || status=$?
[ "$status" -eq 3 ] || fail "up with DIND_CRI=docker on a containerd snapshot exited $status, not 3: $(cat "$workdir/wrong-cri.err")"
grep -q "DIND_CRI=containerd" "$workdir/wrong-cri.err" || fail "the refusal does not name DIND_CRI=containerd: $(cat "$workdir/wrong-cri.err")"
[ "$(count_labelled ps "$ours")" -eq 0 ] || fail "the refused restore started containers"
[ "$(count_labelled volume "$ours")" -eq 3 ] || fail "the refused restore touched the node volumes"
log "  ok: restore with DIND_CRI=docker refused (exit 3), volumes kept"
t0=$SECONDS
$DIND up -q >/dev/null
t_restore=$((SECONDS - t0))
log "restore up: ${t_restore} s"
[ "$(k get nodes --no-headers | awk '$2=="Ready"' | wc -l)" = 3 ] || fail "not 3 Ready nodes after restore"
# The pods were on the node volumes: kubelet starts them again with new sandboxes. New pods from the
# copied image show that it is still in the restored nodes' containerd.
k delete pod ping-1 ping-2 --grace-period=0 --force >/dev/null 2>&1
wait_for 60 "old test pods gone" sh -c "! $KUBECTL --context $context get pod ping-1 ping-2 >/dev/null 2>&1"
run_test_pods
check_both_families

t0=$SECONDS
$DIND clean -q
t_clean=$((SECONDS - t0))
for kind in ps volume network; do
  [ "$(count_labelled $kind "$ours")" = 0 ] || fail "clean left $kind resources of $label"
done
[ "$(count_labelled ps "dev.dindcluster.support=$label")" = 0 ] || fail "clean left the local registry"
"$KUBECTL" config get-contexts -o name | grep -qx "$context" && fail "clean left context $context"
log "timings: up ${t_up} s, restore ${t_restore} s, clean ${t_clean} s, total $((SECONDS - t_start)) s"
log "*** OK ***"
