#!/usr/bin/env bash
# Manual bring-up with the docker CLI — the proof that the node image makes a working cluster, and
# the exact sequence the Java lifecycle ports: 1 master + 2 workers on their own network, kubeadm
# init/join, bridge CNI with static routes, the offline cluster DNS, nodes Ready, a pod on each
# worker pinging the other, a DNS lookup, the API through the published port on 127.0.0.1, and (with
# --restart) all nodes stopped and started again from their /var volumes.
# Everything is labelled dev.dindcluster.test=<run id> and removed at the end, even on failure
# (--keep leaves it running for inspection). Timings go to stderr and to $TIMINGS_FILE if set.
#   scripts/node-image/manual-cluster.sh [--no-build] [--restart] [--keep]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "${ROOT}/test/node-lib.sh"
BUILD=true RESTART=false KEEP=false
for a in "$@"; do
  case "${a}" in
    --no-build) BUILD=false ;; --restart) RESTART=true ;; --keep) KEEP=true ;;
    *) echo "unknown option '${a}' (allowed: --no-build, --restart, --keep)" >&2; exit 2 ;;
  esac
done
VERSION=v1.20.2
RUN_ID="cluster-$$"
S="-t$$"                                   # name suffix, like the lifecycle's cluster suffix
MASTER="kube-master${S}" WORKERS=("kube-node-1${S}" "kube-node-2${S}")
NODES=("${MASTER}" "${WORKERS[@]}")
TOKEN="abcdef.0123456789abcdef"          # fixed bootstrap token (as the original)
POD_PREFIX=10.244                        # node i gets ${POD_PREFIX}.$((i+1)).0/24
SERVICE_CIDR=10.96.0.0/12 DNS_IP=10.96.0.10
WORK="$(mktemp -d)"
on_exit() {
  local rc=$?
  if [ "${rc}" != 0 ]; then
    log "failed (exit ${rc}); last master logs:"
    docker exec "${MASTER}" journalctl -u kubelet --no-pager -n 15 >&2 2>/dev/null || true
  fi
  if ${KEEP}; then log "kept: docker ps --filter label=${TEST_LABEL}=${RUN_ID}"
  else cleanup_run "${RUN_ID}"; fi
  rm -rf "${WORK}"
}
trap on_exit EXIT
T_START=$(date +%s.%N)
T_LAST=${T_START}
mark() { # records the time since the last mark
  local now; now=$(date +%s.%N)
  local line
  line="$(awk -v n="$1" -v a="${T_LAST}" -v b="${now}" -v s="${T_START}" 'BEGIN { printf "%-34s %6.1f s  (total %6.1f s)", n, b - a, b - s }')"
  log "${line}"
  [ -z "${TIMINGS_FILE:-}" ] || echo "${line}" >>"${TIMINGS_FILE}"
  T_LAST=${now}
}
kubectl_m() { docker exec "${MASTER}" kubectl --kubeconfig /etc/kubernetes/admin.conf "$@"; }
wait_for() { # SECONDS DESCRIPTION COMMAND...
  local secs="$1" what="$2"; shift 2
  local deadline=$(( $(date +%s) + secs ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "${deadline}" ] || fail "timed out after ${secs} s waiting for ${what}"
    sleep 0.5
  done
}

${BUILD} && "${ROOT}/scripts/build-node-image" --kubernetes-version "${VERSION}" >/dev/null && mark "build-node-image (cached)"

# --- network: a /24 of our own (try a few, the engine is shared) ---
for third in $(shuf -i 20-250 -n 8); do
  SUBNET="10.193.${third}.0/24"
  if docker network create --label "${TEST_LABEL}=${RUN_ID}" --subnet "${SUBNET}" \
       --gateway "10.193.${third}.1" "dind-test-net${S}" >/dev/null 2>&1; then
    NET_PREFIX="10.193.${third}"; break
  fi
done
[ -n "${NET_PREFIX:-}" ] || fail "could not create a test network"
ip_of() { echo "${NET_PREFIX}.$(( $1 + 2 ))"; }   # master .2, workers .3, .4
MASTER_IP="$(ip_of 0)"

# --- node containers ---
for i in "${!NODES[@]}"; do
  extra=(--network "dind-test-net${S}" --ip "$(ip_of "${i}")")
  [ "${i}" = 0 ] && extra+=(-p 127.0.0.1::6443)
  start_node "${NODES[$i]}" "${RUN_ID}" "${extra[@]}"
done
mark "node containers created"
for n in "${NODES[@]}"; do docker exec "${n}" dind-node-ready 90 || fail "${n} not ready"; done
mark "nodes ready (systemd, dockerd, images)"

# --- per-node network: sysctls, bridge CNI on the node's pod /24, routes to the other nodes ---
setup_node_network() {
  local i="$1" n="${NODES[$1]}" j
  docker exec "${n}" sh -c 'sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.route_localnet=1;
    sysctl -qw net.bridge.bridge-nf-call-iptables=1 2>/dev/null || echo "warning: no bridge-nf-call-iptables" >&2'
  cat >"${WORK}/cni.conflist" <<EOF
{
  "cniVersion": "0.3.1",
  "name": "dindnet",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "cni0",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{ "subnet": "${POD_PREFIX}.$((i + 1)).0/24", "gateway": "${POD_PREFIX}.$((i + 1)).1" }]],
        "routes": [{ "dst": "0.0.0.0/0" }]
      }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
EOF
  docker cp "${WORK}/cni.conflist" "${n}:/etc/cni/net.d/cni.conflist"
  for j in "${!NODES[@]}"; do
    [ "${j}" = "${i}" ] && continue
    docker exec "${n}" ip route replace "${POD_PREFIX}.$((j + 1)).0/24" via "$(ip_of "${j}")"
  done
}
for i in "${!NODES[@]}"; do setup_node_network "${i}"; done
mark "CNI config, sysctls, static routes"

# --- kubeadm init on the master ---
cat >"${WORK}/kubeadm-init.yaml" <<EOF
apiVersion: kubeadm.k8s.io/v1beta2
kind: InitConfiguration
bootstrapTokens:
- token: "${TOKEN}"
  ttl: "0s"
localAPIEndpoint:
  advertiseAddress: ${MASTER_IP}
  bindPort: 6443
nodeRegistration:
  name: ${MASTER}
  criSocket: /var/run/dockershim.sock
  kubeletExtraArgs:
    node-ip: ${MASTER_IP}
---
apiVersion: kubeadm.k8s.io/v1beta2
kind: ClusterConfiguration
kubernetesVersion: ${VERSION}
imageRepository: dind-cluster.local
clusterName: kubernetes
apiServer:
  certSANs: ["127.0.0.1", "localhost", "${MASTER_IP}"]
controllerManager:
  extraArgs:
    leader-elect: "false"
scheduler:
  extraArgs:
    leader-elect: "false"
networking:
  podSubnet: ${POD_PREFIX}.0.0/16
  serviceSubnet: ${SERVICE_CIDR}
  dnsDomain: cluster.local
---
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: cgroupfs
failSwapOn: false
clusterDNS: ["${DNS_IP}"]
clusterDomain: cluster.local
evictionHard:
  memory.available: "0%"
  nodefs.available: "0%"
  nodefs.inodesFree: "0%"
  imagefs.available: "0%"
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
---
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
conntrack:
  maxPerCore: 0
EOF
docker cp "${WORK}/kubeadm-init.yaml" "${MASTER}:/etc/kubeadm.conf"
docker exec "${MASTER}" kubeadm init --config /etc/kubeadm.conf --ignore-preflight-errors=all \
  --skip-phases=addon/coredns >"${WORK}/init.log" 2>&1 || { tail -n 30 "${WORK}/init.log" >&2; fail "kubeadm init failed"; }
mark "kubeadm init"
wait_for 120 "API server /readyz" kubectl_m get --raw /readyz
mark "API server ready"

# --- joins (sequential) ---
for i in 1 2; do
  n="${NODES[$i]}"
  cat >"${WORK}/kubeadm-join.yaml" <<EOF
apiVersion: kubeadm.k8s.io/v1beta2
kind: JoinConfiguration
discovery:
  bootstrapToken:
    apiServerEndpoint: "${MASTER_IP}:6443"
    token: "${TOKEN}"
    unsafeSkipCAVerification: true
nodeRegistration:
  name: ${n}
  criSocket: /var/run/dockershim.sock
  kubeletExtraArgs:
    node-ip: $(ip_of "${i}")
EOF
  docker cp "${WORK}/kubeadm-join.yaml" "${n}:/etc/kubeadm.conf"
  docker exec "${n}" kubeadm join --config /etc/kubeadm.conf --ignore-preflight-errors=all \
    >"${WORK}/join.log" 2>&1 || { tail -n 30 "${WORK}/join.log" >&2; fail "kubeadm join of ${n} failed"; }
  mark "kubeadm join ${n}"
done

# --- cluster DNS ---
sed -e "s/10\.96\.0\.10/${DNS_IP}/" "${ROOT}/scripts/node-image/cluster-dns.yaml" >"${WORK}/cluster-dns.yaml"
docker cp "${WORK}/cluster-dns.yaml" "${MASTER}:/etc/cluster-dns.yaml"
kubectl_m apply -f /etc/cluster-dns.yaml >/dev/null
mark "cluster DNS applied"

all_nodes_ready() {
  [ "$(kubectl_m get nodes --no-headers 2>/dev/null | awk '$2 == "Ready"' | wc -l)" = 3 ]
}
wait_for 180 "3 nodes Ready" all_nodes_ready
mark "3 nodes Ready"
kubectl_m get nodes -o wide >&2

# --- a pod on each worker; they ping each other; DNS answers ---
for i in 1 2; do
  cat >"${WORK}/pod.yaml" <<EOF
apiVersion: v1
kind: Pod
metadata: { name: ping-${i}, labels: { app: ping } }
spec:
  nodeName: ${NODES[$i]}
  terminationGracePeriodSeconds: 1
  containers:
  - name: c
    image: dind-cluster.local/busybox:1.35
    imagePullPolicy: Never
    command: ["sleep", "3600"]
EOF
  docker cp "${WORK}/pod.yaml" "${MASTER}:/etc/pod-${i}.yaml"
  kubectl_m apply -f "/etc/pod-${i}.yaml" >/dev/null
done
kubectl_m wait --for=condition=Ready pod/ping-1 pod/ping-2 --timeout=120s >/dev/null || fail "ping pods not Ready"
mark "ping pods Ready"
IP1="$(kubectl_m get pod ping-1 -o jsonpath='{.status.podIP}')"
IP2="$(kubectl_m get pod ping-2 -o jsonpath='{.status.podIP}')"
kubectl_m exec ping-1 -- ping -c 3 -W 2 "${IP2}" >&2 || fail "ping-1 (${IP1}) cannot ping ping-2 (${IP2})"
kubectl_m exec ping-2 -- ping -c 3 -W 2 "${IP1}" >&2 || fail "ping-2 (${IP2}) cannot ping ping-1 (${IP1})"
mark "pods ping across nodes"
kubectl_m -n kube-system wait --for=condition=Available deployment/cluster-dns --timeout=120s >/dev/null \
  || fail "cluster-dns not available"
kubectl_m exec ping-1 -- nslookup kubernetes.default.svc.cluster.local >"${WORK}/ns.out" 2>&1 \
  && grep -q '10.96.0.1$' "${WORK}/ns.out" || { cat "${WORK}/ns.out" >&2; fail "cluster DNS does not resolve kubernetes.default"; }
if kubectl_m exec ping-1 -- nslookup no-such-name.default.svc.cluster.local >"${WORK}/nx.out" 2>&1; then
  cat "${WORK}/nx.out" >&2; fail "unknown name resolved"
fi
mark "cluster DNS answers (and NXDOMAIN)"

# --- a ClusterIP service over 3 pods (kube-proxy's multi-endpoint rules need the statistic match,
#     i.e. libm in the kube-proxy image), a headless twin, SRV and PTR records ---
cat >"${WORK}/web.yaml" <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: httpd
        image: dind-cluster.local/busybox:1.35
        imagePullPolicy: Never
        command: ["sh", "-c", "mkdir -p /www && hostname >/www/index.html && exec httpd -f -p 8080 -h /www"]
        ports: [{ name: http, containerPort: 8080 }]
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: 8080, protocol: TCP }]
---
apiVersion: v1
kind: Service
metadata: { name: web-headless }
spec:
  clusterIP: None
  selector: { app: web }
  ports: [{ name: http, port: 8080, protocol: TCP }]
EOF
docker cp "${WORK}/web.yaml" "${MASTER}:/etc/web.yaml"
kubectl_m apply -f /etc/web.yaml >/dev/null
kubectl_m wait --for=condition=Available deployment/web --timeout=120s >/dev/null || fail "web deployment not available"
backends_seen() {
  local k
  for k in $(seq 1 30); do kubectl_m exec ping-1 -- wget -qO- http://web.default.svc.cluster.local/ 2>/dev/null; done \
    | sort -u | grep -c . || true
}
three_endpoints() { [ "$(kubectl_m get endpoints web -o jsonpath='{.subsets[*].addresses[*].ip}' | wc -w)" = 3 ]; }
wait_for 60 "3 endpoints of service web" three_endpoints
seen="$(backends_seen)"
[ "${seen}" -ge 2 ] || fail "service web balanced over ${seen} backend(s), expected >= 2 of 3"
mark "ClusterIP service over 3 pods (${seen} seen)"
headless="$(kubectl_m exec ping-1 -- nslookup web-headless.default.svc.cluster.local 2>&1 | grep -c "^Address: ${POD_PREFIX}\." || true)"
[ "${headless}" = 3 ] || fail "headless service resolved to ${headless} addresses, expected 3"
kubectl_m exec ping-1 -- nslookup -type=srv _http._tcp.web.default.svc.cluster.local >"${WORK}/srv.out" 2>&1 \
  && grep -q 'port = 80\|80 web.default.svc.cluster.local' "${WORK}/srv.out" \
  || { cat "${WORK}/srv.out" >&2; fail "no SRV record for _http._tcp.web"; }
WEB_IP="$(kubectl_m get svc web -o jsonpath='{.spec.clusterIP}')"
kubectl_m exec ping-1 -- nslookup "${WEB_IP}" >"${WORK}/ptr.out" 2>&1 \
  && grep -q 'web.default.svc.cluster.local' "${WORK}/ptr.out" \
  || { cat "${WORK}/ptr.out" >&2; fail "no PTR record for ${WEB_IP}"; }
mark "DNS: headless A, SRV, PTR"

# --- the API through the published port, as a user on the host would ---
PORT="$(docker port "${MASTER}" 6443/tcp | head -n1 | sed 's/.*://')"
docker cp "${MASTER}:/etc/kubernetes/admin.conf" "${WORK}/admin.conf"
sed -i "s#server: https://.*#server: https://127.0.0.1:${PORT}#" "${WORK}/admin.conf"
docker cp "${MASTER}:/usr/bin/kubectl" "${WORK}/kubectl"
"${WORK}/kubectl" --kubeconfig "${WORK}/admin.conf" get nodes >/dev/null || fail "API not reachable on 127.0.0.1:${PORT}"
mark "API via 127.0.0.1:${PORT}"
docker stats --no-stream --format '{{.Name}} {{.MemUsage}}' "${NODES[@]}" >&2

if ${RESTART}; then
  docker stop "${NODES[@]}" >/dev/null
  mark "nodes stopped"
  docker start "${NODES[@]}" >/dev/null
  for i in "${!NODES[@]}"; do
    docker exec "${NODES[$i]}" dind-node-ready 90 || fail "${NODES[$i]} not ready after restart"
    for j in "${!NODES[@]}"; do
      [ "${j}" = "${i}" ] || docker exec "${NODES[$i]}" ip route replace "${POD_PREFIX}.$((j + 1)).0/24" via "$(ip_of "${j}")"
    done
    docker exec "${NODES[$i]}" sh -c 'sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.route_localnet=1; sysctl -qw net.bridge.bridge-nf-call-iptables=1 2>/dev/null || true'
  done
  wait_for 120 "API server /readyz after restart" kubectl_m get --raw /readyz
  mark "restart: API ready"
  wait_for 120 "3 nodes Ready after restart" all_nodes_ready
  mark "restart: 3 nodes Ready"
fi
echo "node-image-cluster: 1 passed, 0 failed"
