#!/usr/bin/env bash
# End-to-end: a cluster whose kubelets use the node's containerd through CRI (DIND_CRI=containerd).
#   up -> 3 nodes Ready on containerd://, dockerd not running in the nodes
#   -> copy-image lands in containerd's k8s.io namespace on every node
#   -> a pod on each worker from that image, pods ping each other across nodes, DNS answers,
#      exec into a privileged pod (kube-proxy) works
#   -> dump | split-dump has containerd's sections -> down -> up with DIND_CRI=docker is refused
#      (exit 3, nothing started) -> up (restore on containerd) -> Ready, new pods from the copied
#      image ping across nodes -> clean -> nothing left.
# On failure the cluster state is printed as a dump64 blob and the cluster is cleaned up.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ensure_kubectl
ensure_pod_image

export CLUSTER_ID=${CONTAINERD_CLUSTER_ID:-4} DIND_CRI=containerd
suffix="-cluster-$CLUSTER_ID"; context="dind-cluster-$CLUSTER_ID"; ours="dev.dindcluster.cluster=cluster-$CLUSTER_ID"
service_ip=10.96.0.1; dns_ip=10.96.0.10
workdir=$(mktemp -d)
export KUBECONFIG="$workdir/kubeconfig"
on_exit() {
  status=$?
  if [ $status -ne 0 ]; then
    log "failed: cluster state follows as a dump64 blob (split it with split-dump64)"
    $DIND dump64 2>/dev/null || true
    $DIND clean -q >/dev/null 2>&1 || true
  fi
  rm -rf "$workdir"
  exit $status
}
trap on_exit EXIT
k() { "$KUBECTL" --context "$context" "$@"; }
in_node() { docker exec "$1" sh -c "$2"; }

[ "$(count_labelled ps "$ours")" -eq 0 ] || fail "cluster $context already has containers; clean it first"

t0=$SECONDS
dind up -q >/dev/null
log "up (containerd): $((SECONDS - t0)) s"
[ "$(k get nodes --no-headers | awk '$2 == "Ready"' | wc -l)" -eq 3 ] || fail "not 3 Ready nodes: $(k get nodes)"
runtimes=$(k get nodes -o jsonpath='{range .items[*]}{.status.nodeInfo.containerRuntimeVersion}{"\n"}{end}')
[ "$(grep -c '^containerd://' <<<"$runtimes")" -eq 3 ] || fail "not every node runs on containerd: $runtimes"
for node in "kube-master$suffix" "kube-node-1$suffix" "kube-node-2$suffix"; do
  [ "$(in_node "$node" 'cat /run/dind/cri')" = containerd ] || fail "$node: /run/dind/cri is not containerd"
  in_node "$node" 'systemctl is-active -q docker.service' && fail "$node: dockerd runs although kubelet uses containerd"
  in_node "$node" 'grep -q -- "--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock" /var/lib/kubelet/kubeadm-flags.env' \
    || fail "$node: kubelet is not pointed at containerd's socket"
done
[ "$(docker volume inspect -f '{{ index .Labels "dev.dindcluster.cri" }}' "kubeadm-dind-kube-node-1$suffix")" = containerd ] \
  || fail "node volume not labelled dev.dindcluster.cri=containerd"
log "  ok: 3 nodes Ready on $(head -1 <<<"$runtimes"), no dockerd in the nodes"

t0=$SECONDS
dind copy-image "$POD_IMAGE" -q >/dev/null
for node in "kube-master$suffix" "kube-node-1$suffix" "kube-node-2$suffix"; do
  in_node "$node" "ctr -n k8s.io images ls -q | grep -qx 'docker.io/$POD_IMAGE'" || fail "$node: copy-image did not import $POD_IMAGE into containerd's k8s.io namespace"
done
log "  ok: copy-image into containerd on 3 nodes in $((SECONDS - t0)) s"

# pods_talk PREFIX: a pod from the copied image on each worker (never pulled), pinging each other.
pods_talk() {
  local p=$1 n
  for n in 1 2; do
    k run "$p-$n" --image "$POD_IMAGE" --image-pull-policy=Never --restart=Never \
      --overrides "{\"spec\":{\"nodeSelector\":{\"kubernetes.io/hostname\":\"kube-node-$n$suffix\"}}}" \
      --command -- sleep 3600 >/dev/null
  done
  wait_for 120 "$p pods Running" sh -c "[ \$($KUBECTL --context $context get pods $p-1 $p-2 --no-headers | grep -c Running) -eq 2 ]"
  ip1=$(k get pod "$p-1" -o jsonpath='{.status.podIP}'); ip2=$(k get pod "$p-2" -o jsonpath='{.status.podIP}')
  k exec "$p-1" -- ping -c 2 -W 3 "$ip2" >/dev/null || fail "$p-1 ($ip1) cannot ping $p-2 ($ip2)"
  k exec "$p-2" -- ping -c 2 -W 3 "$ip1" >/dev/null || fail "$p-2 cannot ping $p-1"
}

log "pods on both workers, ping across nodes, DNS, exec into a privileged pod"
pods_talk ping
k exec ping-1 -- nslookup kubernetes.default.svc.cluster.local "$dns_ip" | grep -q "Address.*$service_ip" \
  || fail "cluster DNS did not resolve kubernetes.default to $service_ip"
proxy=$(k -n kube-system get pods -l k8s-app=kube-proxy --field-selector "spec.nodeName=kube-node-1$suffix" -o name)
k -n kube-system exec "$proxy" -- iptables -t nat -S KUBE-SERVICES | grep -q "$dns_ip" \
  || fail "exec into $proxy (privileged) failed or its rules lack the DNS service"
log "  ok: $ip1 <-> $ip2, DNS resolves kubernetes.default, exec into $proxy"

log "dump | split-dump"
out="$workdir/dump"
$DIND dump 2>/dev/null > "$workdir/dump.txt"
$DIND split-dump --output "$out" "$workdir/dump.txt" >/dev/null
for node in "kube-master$suffix" "kube-node-1$suffix" "kube-node-2$suffix"; do
  for f in "service-$node-containerd.service.log" "service-$node-kubelet.service.log" "ctr-containers-$node.txt" "psaux-$node.txt"; do
    [ -s "$out/$f" ] || fail "dump has no (or an empty) $f: $(ls "$out" | head -30)"
  done
  [ ! -e "$out/dockerps-a-$node.txt" ] || fail "dump has docker's container list for containerd node $node"
done
grep -q "kube-system/kube-proxy-.*kube-proxy" "$out/ctr-containers-kube-node-1$suffix.txt" || fail "ctr-containers lists no kube-proxy container"
grep -q "default/ping-1" "$out/ctr-containers-kube-node-1$suffix.txt" || fail "ctr-containers of kube-node-1 lists no ping-1"
grep -q "active (running)" "$out/service-kube-node-2$suffix-containerd.service.log" || fail "containerd.service is not running per the dump"
ls "$out" | grep -q "^pod-kube-master$suffix-kube-system-kube-apiserver" || fail "no kube-apiserver log in the dump"
log "  ok: $(ls "$out" | wc -l) sections"

dind down -q
[ "$(count_labelled ps "$ours")" -eq 0 ] || fail "containers left after down"
status=0
DIND_CRI=docker $DIND up -q >/dev/null 2>"$workdir/wrong-cri.err" || status=$?
[ "$status" -eq 3 ] || fail "up with DIND_CRI=docker on a containerd snapshot exited $status, not 3: $(cat "$workdir/wrong-cri.err")"
grep -q "DIND_CRI=containerd" "$workdir/wrong-cri.err" || fail "the refusal does not name DIND_CRI=containerd: $(cat "$workdir/wrong-cri.err")"
[ "$(count_labelled ps "$ours")" -eq 0 ] || fail "the refused restore started containers"
[ "$(count_labelled volume "$ours")" -eq 3 ] || fail "the refused restore touched the node volumes"
log "  ok: restore with DIND_CRI=docker refused (exit 3), volumes kept"

t0=$SECONDS
dind up -q >/dev/null
log "restore up (containerd): $((SECONDS - t0)) s"
[ "$(k get nodes --no-headers | awk '$2 == "Ready"' | wc -l)" -eq 3 ] || fail "not 3 Ready nodes after restore: $(k get nodes)"
# The restored nodes' containerd still has the copied image (it lives on the node volumes).
pods_talk after
log "  ok: new pods on the restored workers ping each other ($ip1 <-> $ip2)"

dind clean -q
for kind in ps volume network; do
  [ "$(count_labelled $kind "$ours")" -eq 0 ] || fail "clean left $kind resources labelled $ours"
done
log "*** OK ***"
