#!/usr/bin/env bash
# End-to-end check of the node image: starts one node container from it (as the lifecycle would,
# privileged or — on restricted hosts — with every capability but CAP_SYS_RESOURCE), then checks that
# kubeadm reports v1.20.2, the inner runtime answers, and every image kubeadm lists (coredns excepted)
# plus the cluster DNS image is present inside. Then the same for a node started with DIND_CRI=containerd
# (containerd's CRI plugin, images in its k8s.io namespace, no dockerd), a worker (DIND_NODE_ROLE=worker:
# the node images, not the control plane's), and a refused DIND_CRI and DIND_NODE_ROLE value. With
# dockerd a first boot unpacks its role's image store, made at build time, instead of loading the tars. The
# containers and their volumes are removed at the end, even on failure. Needs root and a Docker engine; builds (or reuses) the image first.
#   test/node-image.sh [--no-build]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "${ROOT}/test/node-lib.sh"
VERSION=v1.20.2
RUN_ID="node-image-$$"
NODE="dind-test-node-$$"
trap 'cleanup_run "${RUN_ID}"' EXIT

if [ "${1:-}" != --no-build ]; then
  "${ROOT}/scripts/build-node-image" --kubernetes-version "${VERSION}" >/dev/null
fi
passed=0 failed=0
check() { # NAME COMMAND...
  local name="$1"; shift
  if out="$("$@" 2>&1)"; then passed=$((passed + 1)); log "ok: ${name}"
  else failed=$((failed + 1)); log "FAILED: ${name}: ${out}"; fi
}

t0=$(date +%s.%N)
start_node "${NODE}" "${RUN_ID}"
trap 'rc=$?; [ "${rc}" = 0 ] || docker logs --tail 30 "${NODE}" >&2 2>/dev/null || true; cleanup_run "${RUN_ID}"' EXIT
check "node becomes ready (systemd, inner runtime, images)" docker exec "${NODE}" dind-node-ready 90
log "node ready after $(awk -v a="${t0}" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"

kubeadm_version="$(docker exec "${NODE}" kubeadm version -o short 2>&1 || true)"
check "kubeadm version is ${VERSION} (got '${kubeadm_version}')" test "${kubeadm_version}" = "${VERSION}"
check "kubelet reports ${VERSION}" sh -c "docker exec ${NODE} kubelet --version 2>&1 | grep -qw '${VERSION}'"
check "kubectl reports ${VERSION}" sh -c "docker exec ${NODE} kubectl version --client --short 2>&1 | grep -qw '${VERSION}'"
check "inner runtime answers" docker exec "${NODE}" docker version --format '{{.Server.Version}}'
restricted="$(docker exec "${NODE}" cat /run/dind/restricted)"
if [ "${restricted}" = true ]; then
  check "inner runtime defaults to dind-runc (restricted host)" \
    sh -c "docker exec ${NODE} docker info --format '{{.DefaultRuntime}}' | grep -qx dind-runc"
fi
mapfile -t wanted < <(docker exec "${NODE}" kubeadm config images list --image-repository dind-cluster.local \
  --kubernetes-version "${VERSION}" 2>/dev/null | grep -v /coredns:)
wanted+=(dind-cluster.local/cluster-dns:v1)
check "kubeadm lists component images" test "${#wanted[@]}" -ge 7
present="$(docker exec "${NODE}" docker images --format '{{.Repository}}:{{.Tag}}')"
for img in "${wanted[@]}"; do
  check "image ${img} present inside the node" grep -qx "${img}" <<<"${present}"
done
# A privileged container in the inner runtime (what kube-proxy is) must start on this host too.
check "privileged inner container runs" docker exec "${NODE}" docker run --rm --privileged \
  dind-cluster.local/kube-proxy:v1.20.2 iptables -t nat -S
# A first boot unpacks the image store made at build time instead of loading the tars.
check "master's first boot unpacked its pre-loaded image store" \
  sh -c "docker exec ${NODE} journalctl -b -u dind-seed-docker --no-pager | grep -q 'unpacked /usr/local/share/dind/docker-store-master.tar'"
check "node state lives under /var (/etc/kubernetes is a symlink)" \
  sh -c "docker exec ${NODE} readlink /etc/kubernetes | grep -qx /var/lib/dind/kubernetes"

# The same image with kubelet's runtime set to containerd (DIND_CRI=containerd).
CNODE="dind-test-cnode-$$"
t0=$(date +%s.%N)
start_node "${CNODE}" "${RUN_ID}" -e DIND_CRI=containerd
check "containerd node becomes ready (systemd, CRI plugin, images)" docker exec "${CNODE}" dind-node-ready 90
log "containerd node ready after $(awk -v a="${t0}" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
check "containerd node says so in /run/dind/cri" sh -c "docker exec ${CNODE} cat /run/dind/cri | grep -qx containerd"
check "dockerd does not run on a containerd node" sh -c "! docker exec ${CNODE} systemctl is-active -q docker.service"
check "no docker image store unpacked on a containerd node" sh -c "! docker exec ${CNODE} test -e /var/lib/docker/image"
cpresent="$(docker exec "${CNODE}" ctr -n k8s.io images ls -q)"
for img in "${wanted[@]}"; do
  check "image ${img} in containerd's k8s.io namespace" grep -qx "${img}" <<<"${cpresent}"
done
if [ "${restricted}" = true ]; then
  check "containerd's CRI runtime runs runc through dind-runc (restricted host)" \
    sh -c "docker exec ${CNODE} grep -q 'BinaryName = \"/usr/local/bin/dind-runc\"' /etc/containerd/config.toml"
  runc_opt=(--runc-binary /usr/local/bin/dind-runc)
else
  runc_opt=()
fi
# containerd's privileged spec has only containerd's own capabilities; kubelet's -998 oomScoreAdj and
# explicitly asked-for CAP_SYS_RESOURCE are what need dind-runc here: ask for the capability.
check "privileged container asking for CAP_SYS_RESOURCE runs under containerd" docker exec "${CNODE}" \
  ctr -n k8s.io run --rm --privileged --cap-add CAP_SYS_RESOURCE "${runc_opt[@]}" \
  dind-cluster.local/kube-proxy:v1.20.2 "dind-test-$$" iptables -t nat -S

# A worker loads what a worker runs, and not the control plane's images.
absent() { ! grep -qx "$1" <<<"$2"; }
WNODE="dind-test-wnode-$$"
start_node "${WNODE}" "${RUN_ID}" -e DIND_NODE_ROLE=worker
check "worker node becomes ready" docker exec "${WNODE}" dind-node-ready 90
wpresent="$(docker exec "${WNODE}" docker images --format '{{.Repository}}:{{.Tag}}')"
check "worker's first boot unpacked the worker's image store" \
  sh -c "docker exec ${WNODE} journalctl -b -u dind-seed-docker --no-pager | grep -q 'unpacked /usr/local/share/dind/docker-store-worker.tar'"
for img in "${wanted[@]}"; do
  case "${img}" in
    */etcd:*|*/kube-apiserver:*|*/kube-controller-manager:*|*/kube-scheduler:*)
      check "control-plane image ${img} not loaded on a worker" absent "${img}" "${wpresent}" ;;
    *) check "image ${img} present on a worker" grep -qx "${img}" <<<"${wpresent}" ;;
  esac
done

# A runtime the image does not offer: the node stops at once and says what is allowed.
BAD="dind-test-badcri-$$"
start_node "${BAD}" "${RUN_ID}" -e DIND_CRI=cri-o
check "DIND_CRI=cri-o: node exits with a message naming the allowed runtimes" sh -c "
  for _ in \$(seq 1 50); do [ \"\$(docker inspect -f '{{.State.Running}}' ${BAD})\" = false ] && break; sleep 0.2; done
  [ \"\$(docker inspect -f '{{.State.ExitCode}}' ${BAD})\" = 2 ] && docker logs ${BAD} 2>&1 | grep -q \"DIND_CRI='cri-o'.*allowed: docker, containerd\""

BADROLE="dind-test-badrole-$$"
start_node "${BADROLE}" "${RUN_ID}" -e DIND_NODE_ROLE=boss
check "DIND_NODE_ROLE=boss: node exits with a message naming the allowed roles" sh -c "
  for _ in \$(seq 1 50); do [ \"\$(docker inspect -f '{{.State.Running}}' ${BADROLE})\" = false ] && break; sleep 0.2; done
  [ \"\$(docker inspect -f '{{.State.ExitCode}}' ${BADROLE})\" = 2 ] && docker logs ${BADROLE} 2>&1 | grep -q \"DIND_NODE_ROLE='boss'.*allowed: master, worker\""

echo "node-image: ${passed} passed, ${failed} failed"
[ "${failed}" = 0 ]
