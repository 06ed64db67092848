#!/usr/bin/env bash
# End-to-end, the containerd 2 node base (scripts/build-node-base-trixie: Debian trixie, containerd and runc
# from sid), without a modern kubelet (kubelet 1.20, the one this machine builds, speaks CRI v1alpha2, which
# containerd 2 no longer serves): a node container from it boots with the node entrypoint under systemd on
# this restricted host, its containerd is 2.x and serves CRI v1, and cri-probe (a CRI v1 client built from
# Debian's golang-k8s-cri-api-dev) starts a pod sandbox on the node's CNI from the node image's recorded
# sandbox image and a container in it. The record names dind-cluster.local/pause:3.2, which differs from
# containerd 2's own default (registry.k8s.io/pause:3.10, which no registry here has): the sandbox starts
# only if the record was used. Leaves nothing but the two cached images.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
name=dind-test-trixie-$$
work=$(mktemp -d)
on_exit() {
  status=$?
  [ $status -eq 0 ] || { log "failed (see above)"; docker logs "$name" 2>&1 | tail -n 20 >&2 || true; }
  docker rm -f "$name" >/dev/null 2>&1 || true
  docker volume rm "$name" >/dev/null 2>&1 || true
  docker network rm "$name" >/dev/null 2>&1 || true
  rm -rf "$work"
  exit $status
}
trap on_exit EXIT

t0=$SECONDS
mapfile -t built < <("$ROOT/scripts/build-node-base-trixie")
image=${built[0]} probe=${built[1]}
log "built $image and $probe in $((SECONDS - t0)) s"
containerd_label=$(docker image inspect --format '{{ index .Config.Labels "dev.dindcluster.containerd-version" }}' "$image")
[[ "$containerd_label" == 2.* ]] || fail "$image records containerd '$containerd_label', not 2.x"

# The pause image from the v1.20.2 node image's tar of what every node runs.
c=$(docker create dind-cluster/node:v1.20.2 true)
docker cp -q "$c:/usr/local/share/dind/images.tar" "$work/images.tar"
docker rm "$c" >/dev/null
echo dind-cluster.local/pause:3.2 >"$work/sandbox-image"
cat >"$work/10-probe.conflist" <<'JSON'
{"cniVersion": "0.4.0", "name": "probe", "plugins": [
  {"type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": false,
   "ipam": {"type": "host-local", "ranges": [[{"subnet": "10.250.0.0/24"}]]}},
  {"type": "portmap", "capabilities": {"portMappings": true}}]}
JSON

# The node container as the library makes one on a host without CAP_SYS_RESOURCE (NodeContainers).
docker network create "$name" >/dev/null
docker volume create "$name" >/dev/null
docker run -d --name "$name" --hostname "$name" --network "$name" \
  --cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined --security-opt apparmor=unconfined \
  --security-opt systempaths=unconfined --device-cgroup-rule 'a *:* rwm' --device /dev/kmsg --cgroupns=private \
  --tmpfs /run --tmpfs /run/lock --tmpfs /tmp -v "$name:/var" \
  -v "$work/sandbox-image:/usr/local/share/dind/sandbox-image:ro" -v "$probe:/usr/local/bin/cri-probe:ro" \
  -e DIND_CRI=containerd -e DIND_NODE_ROLE=worker "$image" >/dev/null
wait_for 60 "containerd in $name" docker exec "$name" ctr version
server=$(docker exec "$name" ctr version | awk '/^Server:/ { s = 1 } s && /Version:/ { print $2; exit }')
[[ "$server" == 2.* ]] || fail "the node's containerd server is '$server', not 2.x"
# The node's own boot unit loads base-images.tar (dind-cluster's DNS, local volumes) into containerd.
wait_for 60 "dind-load-images in $name" docker exec "$name" test -e /run/dind/images-loaded
docker exec "$name" ctr -n k8s.io images ls -q | grep -qx 'dind-cluster.local/cluster-dns:v1' \
  || fail "dind-load-images did not import the base's images into containerd's k8s.io namespace"
log "ok: $name booted, containerd $server serves, the base's images are in containerd's k8s.io namespace"

docker cp -q "$work/images.tar" "$name:/var/images.tar"
docker exec "$name" sh -c 'ctr -n k8s.io images import /var/images.tar >/dev/null && rm /var/images.tar'
docker exec "$name" mkdir -p /etc/cni/net.d
docker cp -q "$work/10-probe.conflist" "$name:/etc/cni/net.d/10-probe.conflist"
out=$(docker exec "$name" cri-probe -image dind-cluster.local/pause:3.2 2>&1) || { printf '%s\n' "$out" >&2; fail "cri-probe failed"; }
printf '%s\n' "$out" >&2
grep -q "^runtime containerd 2\..*, CRI v1$" <<<"$out" || fail "the runtime does not answer CRI v1"
grep -q "^sandbox .* SANDBOX_READY, ip 10\.250\.0\." <<<"$out" || fail "no pod sandbox on the node's CNI"
grep -q "^container .* CONTAINER_RUNNING, image dind-cluster.local/pause:3.2$" <<<"$out" || fail "no running container"
docker exec "$name" grep -q 'BinaryName = "/usr/local/bin/dind-runc"' /etc/containerd/config.toml \
  || fail "containerd does not run pods through dind-runc on this restricted host"
log "ok: containerd $server on trixie: a pod sandbox from the recorded pause:3.2 on the node's CNI and a container in it, through CRI v1 (dind-runc)"
log "*** OK *** ($((SECONDS - t0)) s)"
