#!/usr/bin/env bash
# End-to-end: node images from upstream-layout release artifacts, through loopback stand-ins that this
# test starts itself (nothing leaves the machine). They differ from v1.20.2's defaults where other
# releases do, so that a build which assumed those defaults fails here:
#   - a release mirror (test/mirror-server.py on 127.0.0.1) serving this machine's v1.20.2 build
#     repackaged as upstream's kubernetes-server-linux-amd64.tar.gz (kubeadm, kubelet, kubectl and the
#     control-plane image tars under kubernetes/server/bin), its kubeadm a stand-in built from the same
#     source that names pause:3.9 (not 1.20's 3.2), and only a .sha512 beside it (as releases of late
#     2018 to mid 2019 have; no .sha256);
#   - a registry (Debian's docker-registry on 127.0.0.1) holding etcd and pause:3.9 only, and no CoreDNS.
# Then: `up` with a missing node image builds it through them (own cluster DNS as the fallback) and the
# cluster comes up Ready with docker and with containerd (whose sandbox image is the node image's
# record: pause:3.9); a rebuild with the tarball cached (no download); a corrupted tarball, a mirror
# that stalls mid-download, an unreachable mirror and a release with no checksum at all each fail
# quickly and leave no image, no cache entry and no cluster objects; then the registry gets a CoreDNS
# stand-in (kubeadm's add-on comes up with dnsPolicy Default), the image is published there and a missing
# one is pulled instead of built; the v1.10 script stops before creating anything, naming version, URL
# and remedies; v1.37 on the containerd 2 base's containerd 2.1 is warned about (1.37 wants 2.2).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ensure_kubectl
ensure_pod_image

VERSION=v1.20.2
PAUSE=3.9   # the stand-in kubeadm's pause tag: v1.20's own is 3.2
CLUSTER_ID=43
TEST_IMAGE=dind-cluster-test/node:$VERSION-release
work=$(mktemp -d)
export KUBECONFIG="$work/kubeconfig"
pids=()
on_exit() {
  status=$?
  [ $status -eq 0 ] || log "failed (see above)"
  CLUSTER_ID=$CLUSTER_ID $DIND clean -q >/dev/null 2>&1 || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  docker rmi -f "$TEST_IMAGE" >/dev/null 2>&1 || true
  docker images --format '{{.Repository}}:{{.Tag}}' | grep -E "^127\.0\.0\.1:[0-9]+/|^registry\.k8s\.io/kube-.*-amd64:|^dind-cluster/node-build:" \
    | xargs -r docker rmi -f >/dev/null 2>&1 || true
  rm -rf "$work"
  exit $status
}
trap on_exit EXIT

docker image inspect dind-cluster/node:$VERSION >/dev/null 2>&1 || fail "needs dind-cluster/node:$VERSION (scripts/setup --node-image)"
docker image inspect dind-cluster/node-base:latest >/dev/null 2>&1 || fail "needs dind-cluster/node-base:latest (scripts/build-node-image --base-only)"

# --- the release mirror's content, from what this machine built ---
log "repackaging this machine's $VERSION build in upstream's layout"
bin="$work/tarball/kubernetes/server/bin"
mkdir -p "$bin" "$work/mirror/$VERSION"
c=$(docker create dind-cluster/node:$VERSION true)
for b in kubelet kubectl; do docker cp -q "$c:/usr/bin/$b" "$bin/$b"; done
cp "$("$ROOT/scripts/build-k8s-binaries" --kubeadm-pause $PAUSE)/kubeadm" "$bin/kubeadm"
"$bin/kubeadm" config images list --kubernetes-version $VERSION 2>/dev/null | grep -q "/pause:$PAUSE$" \
  || fail "the stand-in kubeadm does not name pause:$PAUSE"
docker cp -q "$c:/usr/local/share/dind/images.tar" "$work/images.tar"
docker cp -q "$c:/usr/local/share/dind/control-plane-images.tar" "$work/control-plane-images.tar"
docker rm "$c" >/dev/null
docker load -q -i "$work/images.tar" >/dev/null
docker load -q -i "$work/control-plane-images.tar" >/dev/null
for component in kube-apiserver kube-controller-manager kube-scheduler kube-proxy; do
  # Upstream's image tars carry the per-architecture name (release.sh); the library retags them.
  upstream="registry.k8s.io/$component-amd64:$VERSION"
  docker tag "dind-cluster.local/$component:$VERSION" "$upstream"
  docker save -o "$bin/$component.tar" "$upstream"
  echo "$VERSION" > "$bin/$component.docker_tag"
  docker rmi "$upstream" >/dev/null
done
tar -C "$work/tarball" -czf "$work/mirror/$VERSION/kubernetes-server-linux-amd64.tar.gz" kubernetes
# Only a .sha512, as upstream published for releases built before mid 2019.
sha512sum "$work/mirror/$VERSION/kubernetes-server-linux-amd64.tar.gz" | cut -d' ' -f1 | tr -d '\n' \
  > "$work/mirror/$VERSION/kubernetes-server-linux-amd64.tar.gz.sha512"
rm -rf "$work/tarball" "$work/images.tar" "$work/control-plane-images.tar"
log "mirror tarball: $(du -h "$work/mirror/$VERSION/kubernetes-server-linux-amd64.tar.gz" | cut -f1)"

start_mirror() { # <dir> <port-file> [--stall-after N]
  python3 "$ROOT/test/mirror-server.py" "$@" & pids+=($!)
  wait_for 10 "mirror on loopback" test -s "$2"
}
start_mirror "$work/mirror" "$work/mirror.port"
MIRROR="http://127.0.0.1:$(cat "$work/mirror.port")"

# --- the registry: Debian's docker-registry on loopback, holding etcd and pause:$PAUSE only (no CoreDNS) ---
if ! command -v docker-registry >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry >/dev/null; }
fi
systemctl stop docker-registry >/dev/null 2>&1 || true  # the package's own instance (if any) is not ours
reg_port=$(free_port)
cat > "$work/registry.yml" <<YAML
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $work/registry}}
http: {addr: 127.0.0.1:$reg_port}
YAML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 & pids+=($!)
REGISTRY="127.0.0.1:$reg_port"
wait_for 20 "registry on $REGISTRY" curl -fsS "http://$REGISTRY/v2/"
for image in etcd:3.4.13-0 pause:3.2=pause:$PAUSE; do
  docker tag "dind-cluster.local/${image%%=*}" "$REGISTRY/${image#*=}"
  docker push -q "$REGISTRY/${image#*=}" >/dev/null
  docker rmi "$REGISTRY/${image#*=}" >/dev/null
done
# The host's copies of the component images go (the build must pull etcd and pause); the conformance
# images under dind-cluster.local/e2e/ stay: other tests may be using them.
docker images --format '{{.Repository}}:{{.Tag}}' | grep '^dind-cluster\.local/' | { grep -v '^dind-cluster\.local/e2e/' || true; } \
  | xargs -r docker rmi >/dev/null

cache="$work/cache"
release_env=(CLUSTER_ID=$CLUSTER_ID NUM_NODES=1 DIND_IMAGE=$TEST_IMAGE DIND_RELEASE_URL=$MIRROR
  DIND_REGISTRY=$REGISTRY DIND_CACHE_DIR=$cache)
nothing_left() { # <what>
  docker image inspect "$TEST_IMAGE" >/dev/null 2>&1 && fail "$1: image $TEST_IMAGE was left behind"
  [ -z "$(ls -A "$cache/releases" 2>/dev/null | grep -v '^\.lock$' || true)" ] \
    || fail "$1: left in the cache: $(ls -A "$cache/releases")"
  [ "$(docker ps -aq --filter name=kube-master-cluster-$CLUSTER_ID | wc -l)" = 0 ] || fail "$1: a node container was created"
  [ "$(docker volume ls -q --filter name=cluster-$CLUSTER_ID | wc -l)" = 0 ] || fail "$1: a node volume was created"
  if docker images --format '{{.Repository}}:{{.Tag}}' | grep -qE "^dind-cluster/node-build:|^$REGISTRY/|^registry\.k8s\.io/kube-"; then
    fail "$1: build-time images were left on the engine"
  fi
}
expect_failure() { # <what> <max seconds> <expected text> <env...>
  local what=$1 max=$2 text=$3; shift 3
  local t0=$SECONDS rc=0
  env "$@" $DIND up >"$work/out" 2>&1 || rc=$?
  local took=$((SECONDS - t0))
  [ $rc -ne 0 ] || fail "$what: up succeeded"
  grep -qF -- "$text" "$work/out" || { cat "$work/out" >&2; fail "$what: the error does not say '$text'"; }
  [ $took -le "$max" ] || fail "$what: took ${took}s (at most ${max}s expected)"
  nothing_left "$what"
  log "ok: $what fails in ${took}s (exit $rc): $(grep -m1 -E 'FAILED|error|Error' "$work/out" | cut -c1-160)"
}

# --- 1. up builds the missing node image through the mirror and the registry, then runs ---
log "up with a missing node image: built from $MIRROR and $REGISTRY"
t0=$SECONDS
env "${release_env[@]}" $DIND up -v 2>"$work/up.err" >/dev/null || { cat "$work/up.err" >&2; fail "up through the mirror failed"; }
log "up (build + bring-up) took $((SECONDS - t0)) s"
grep -E '^\* (Fetching|Unpacking|Preparing|Building)' "$work/up.err" >&2 || true
[ "$(docker image inspect --format '{{ index .Config.Labels "dev.dindcluster.dns-addon" }}' "$TEST_IMAGE")" = none ] \
  || fail "the image should record that it has no DNS add-on (the registry holds no CoreDNS)"
[ "$(docker image inspect --format '{{ index .Config.Labels "dev.dindcluster.kubernetes-version" }}' "$TEST_IMAGE")" = "$VERSION" ] \
  || fail "the image's kubernetes-version label is wrong"
grep -q "no $REGISTRY/coredns:1.7.0" "$work/up.err" || fail "up did not say that CoreDNS was missing from the registry"
[ "$(docker image inspect --format '{{ index .Config.Labels "dev.dindcluster.sandbox-image" }}' "$TEST_IMAGE")" = "dind-cluster.local/pause:$PAUSE" ] \
  || fail "the image does not record its kubeadm's pause:$PAUSE as the sandbox image"
docker image inspect --format '{{ index .Config.Labels "dev.dindcluster.release-checksum" }}' "$TEST_IMAGE" | grep -q '^sha512:[0-9a-f]\{128\}$' \
  || fail "the image does not record the .sha512 its tarball was checked against"
kubectl() { "$KUBECTL" --context "dind-cluster-$CLUSTER_ID" "$@"; }
ready=$(kubectl get nodes --no-headers 2>/dev/null | awk '$2 == "Ready"' | wc -l || true)
[ "$ready" = 2 ] || { kubectl get nodes >&2 || true; fail "expected 2 Ready nodes, got $ready"; }
kubectl -n kube-system get pods -l k8s-app=kube-dns --no-headers | grep -q Running || fail "cluster DNS is not running"
[ "$(kubectl get nodes -o jsonpath='{.items[0].status.nodeInfo.kubeletVersion}')" = "$VERSION" ] || fail "nodes do not run kubelet $VERSION"
ls "$cache/releases" | grep -q '^sha512-' || fail "the verified tarball is not in the content cache"
env "${release_env[@]}" $DIND clean -q
log "ok: cluster from the release build was Ready on docker (2 nodes, own DNS, pause:$PAUSE, checked by .sha512); cleaned"

# --- 1b. the same image on containerd: its CRI plugin starts sandboxes from the recorded pause:$PAUSE ---
t0=$SECONDS
env "${release_env[@]}" DIND_CRI=containerd $DIND up 2>"$work/up-containerd.err" >/dev/null \
  || { tail -n 30 "$work/up-containerd.err" >&2; fail "up on containerd with the release-built image failed"; }
docker exec "kube-node-1-cluster-$CLUSTER_ID" grep -qx "    sandbox_image = \"dind-cluster.local/pause:$PAUSE\"" /etc/containerd/config.toml \
  || fail "containerd's sandbox image is not the recorded pause:$PAUSE"
ready=$(kubectl get nodes --no-headers 2>/dev/null | awk '$2 == "Ready"' | wc -l || true)
[ "$ready" = 2 ] || { kubectl get nodes >&2 || true; fail "containerd: expected 2 Ready nodes, got $ready"; }
kubectl -n kube-system get pods -l k8s-app=kube-dns --no-headers | grep -q Running || fail "containerd: cluster DNS is not running"
env "${release_env[@]}" $DIND clean -q
log "ok: the same image on containerd was Ready in $((SECONDS - t0)) s (sandboxes from pause:$PAUSE); cleaned"

# --- 2. a rebuild with the tarball cached does not download it again; now the registry has a CoreDNS ---
# The stand-in: dind-cluster's own DNS server, which given CoreDNS's -conf takes its ports and, like
# CoreDNS's loop plugin, exits when a question it forwards comes back to itself. kubeadm deploys it with
# dnsPolicy Default (not hostNetwork): with a loopback resolver in the pod's resolv.conf it would halt
# and up would time out at the cluster DNS.
c=$(docker create dind-cluster/node-base:latest true)
docker cp -q "$c:/usr/local/share/dind/base-images.tar" "$work/base-images.tar"
docker rm "$c" >/dev/null
docker load -q -i "$work/base-images.tar" >/dev/null
docker tag dind-cluster.local/cluster-dns:v1 "$REGISTRY/coredns:1.7.0"
docker push -q "$REGISTRY/coredns:1.7.0" >/dev/null
docker rmi "$REGISTRY/coredns:1.7.0" dind-cluster.local/cluster-dns:v1 dind-cluster.local/local-volumes:v1 dind-cluster.local/busybox:1.35 >/dev/null
rm -f "$work/base-images.tar"
docker rmi "$TEST_IMAGE" >/dev/null
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true
# Same content, but the tarball itself is gone from the mirror: only the checksum can be read.
mv "$work/mirror/$VERSION/kubernetes-server-linux-amd64.tar.gz" "$work/tarball.tgz"
rm -f "$work/mirror.port"; start_mirror "$work/mirror" "$work/mirror.port"
MIRROR="http://127.0.0.1:$(cat "$work/mirror.port")"
release_env=(CLUSTER_ID=$CLUSTER_ID NUM_NODES=1 DIND_IMAGE=$TEST_IMAGE DIND_RELEASE_URL=$MIRROR DIND_REGISTRY=$REGISTRY DIND_CACHE_DIR=$cache)
t0=$SECONDS
env "${release_env[@]}" $DIND up -v 2>"$work/rebuild.err" >/dev/null \
  || { tail -n 40 "$work/rebuild.err" >&2; kubectl -n kube-system logs -l k8s-app=kube-dns --tail 5 >&2 || true; fail "up with kubeadm's CoreDNS (the stand-in) failed"; }
grep -q "cached: " "$work/rebuild.err" || { cat "$work/rebuild.err" >&2; fail "the image was not rebuilt from the cached tarball"; }
log "ok: rebuilt from the cached tarball with no tarball on the mirror ($(grep -E '^\* (Fetching|Building)' "$work/rebuild.err" | tr '\n' ' '))"
[ "$(docker image inspect --format '{{ index .Config.Labels "dev.dindcluster.dns-addon" }}' "$TEST_IMAGE")" = coredns ] \
  || fail "the image does not record the DNS add-on the registry now holds"
kubectl -n kube-system get deployment coredns >/dev/null || fail "kubeadm did not deploy its CoreDNS add-on"
[ "$(kubectl -n kube-system get pods -l k8s-app=kube-dns -o jsonpath='{.items[0].spec.hostNetwork}')" != true ] \
  || fail "kubeadm's CoreDNS runs in the node's network namespace: it would not meet the loop"
kubectl -n kube-system logs -l k8s-app=kube-dns --tail 50 | grep -q "Loop" && fail "the CoreDNS stand-in saw a loop"
# The control: the same server given a loopback resolver, as every pod had before the node's resolver
# fix, halts on the loop (so the Ready add-on above proves the fix, not a stand-in that never loops).
kubectl -n kube-system run loop-control --image dind-cluster.local/coredns:1.7.0 --image-pull-policy=Never --restart=Never \
  --overrides '{"apiVersion":"v1","spec":{"serviceAccountName":"coredns","dnsPolicy":"None","dnsConfig":{"nameservers":["127.0.0.11"]}}}' \
  -- --listen=:53 --health=:18080 >/dev/null
wait_for 90 "the loop control pod halting" sh -c "$KUBECTL --context dind-cluster-$CLUSTER_ID -n kube-system get pod loop-control -o jsonpath='{.status.phase}' | grep -qx Failed"
kubectl -n kube-system logs loop-control | grep -q "Loop (-> 127.0.0.11:53) detected" \
  || { kubectl -n kube-system logs loop-control >&2; fail "the stand-in did not halt on a loopback resolver"; }
log "ok: the control, the stand-in with a loopback resolver, halted: $(kubectl -n kube-system logs loop-control | grep -o 'Loop.*detected[^:]*')"
env "${release_env[@]}" $DIND copy-image "$POD_IMAGE" -q >/dev/null
master_ip=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "kube-master-cluster-$CLUSTER_ID")
kubectl run dns-through-addon --image "$POD_IMAGE" --image-pull-policy=Never --restart=Never --command -- sleep 300 >/dev/null
wait_for 60 "pod dns-through-addon Running" sh -c "$KUBECTL --context dind-cluster-$CLUSTER_ID get pod dns-through-addon | grep -q Running"
kubectl exec dns-through-addon -- nslookup "kube-master-cluster-$CLUSTER_ID." 10.96.0.10 | grep -q "Address.*$master_ip" \
  || fail "kubeadm's CoreDNS did not forward kube-master-cluster-$CLUSTER_ID to the node's resolver"
check_default_dns kubectl "kube-master-cluster-$CLUSTER_ID." "$master_ip"
env "${release_env[@]}" $DIND clean -q
log "ok: up with kubeadm's CoreDNS (stand-in, loop check on) Ready in $((SECONDS - t0)) s; it forwards outside names; cleaned"

# --- 2b. publish-image, then up where the image is missing pulls it from there instead of building ---
prebuilt="$REGISTRY/prebuilt"
pushed=$(env "${release_env[@]}" $DIND publish-image --registry "$prebuilt" 2>"$work/publish.err") \
  || { cat "$work/publish.err" >&2; fail "publish-image failed"; }
[ "$pushed" = "$prebuilt/$TEST_IMAGE" ] || fail "publish-image printed '$pushed', not $prebuilt/$TEST_IMAGE"
docker rmi "$TEST_IMAGE" >/dev/null
# No release source answers now (a closed port): the image can only come from the registry. A network of the
# cluster's name that is not ours stops up right after the image step (exit 3), so no cluster is needed.
docker network create kubeadm-dind-net-cluster-$CLUSTER_ID >/dev/null
t0=$SECONDS; rc=0
env "${release_env[@]}" DIND_NODE_IMAGE_REGISTRY="$prebuilt" DIND_RELEASE_URL="http://127.0.0.1:$(free_port)" \
  $DIND up 2>"$work/pull.err" >/dev/null || rc=$?
docker network rm kubeadm-dind-net-cluster-$CLUSTER_ID >/dev/null
[ $rc -eq 3 ] && grep -q "is not labelled" "$work/pull.err" || { cat "$work/pull.err" >&2; fail "up should have pulled the image, then stopped at the foreign network (exit $rc)"; }
grep -q "^\* Pulling node image $prebuilt/$TEST_IMAGE" "$work/pull.err" || { cat "$work/pull.err" >&2; fail "up did not pull the node image"; }
grep -q "Building node image\|Fetching Kubernetes" "$work/pull.err" && fail "up built the image although the registry had it"
[ "$(docker image inspect --format '{{ index .Config.Labels "dev.dindcluster.sandbox-image" }}' "$TEST_IMAGE")" = "dind-cluster.local/pause:$PAUSE" ] \
  || fail "the pulled image is not the published one"
docker images --format '{{.Repository}}' | grep -q "^$prebuilt/" && fail "the registry's name of the image was left on the engine"
log "ok: published as $pushed; a missing image pulled from there in $((SECONDS - t0)) s, nothing built or downloaded"
docker rmi "$TEST_IMAGE" >/dev/null
mv "$work/tarball.tgz" "$work/mirror/$VERSION/kubernetes-server-linux-amd64.tar.gz"
rm -rf "$cache"

# --- 3. a corrupted tarball: checksum mismatch ---
mkdir -p "$work/bad/$VERSION"
head -c 3000000 "$work/mirror/$VERSION/kubernetes-server-linux-amd64.tar.gz" > "$work/bad/$VERSION/kubernetes-server-linux-amd64.tar.gz"
cp "$work/mirror/$VERSION/kubernetes-server-linux-amd64.tar.gz.sha512" "$work/bad/$VERSION/"
start_mirror "$work/bad" "$work/bad.port"
expect_failure "a corrupted tarball" 30 "checksum mismatch" "${release_env[@]}" DIND_RELEASE_URL="http://127.0.0.1:$(cat "$work/bad.port")"

# --- 4. a mirror that stops answering mid-download ---
start_mirror "$work/mirror" "$work/stall.port" --stall-after 2000000
expect_failure "a mirror that stalls mid-download" 40 "no answer within the timeout" "${release_env[@]}" \
  DIND_RELEASE_URL="http://127.0.0.1:$(cat "$work/stall.port")" DIND_DOWNLOAD_TIMEOUT=2

# --- 5. an unreachable mirror ---
closed_port=$(free_port)
expect_failure "an unreachable mirror" 20 "http://127.0.0.1:$closed_port/$VERSION/kubernetes-server-linux-amd64.tar.gz.sha256" \
  "${release_env[@]}" DIND_RELEASE_URL="http://127.0.0.1:$closed_port"

# --- 5b. a release with no checksum beside it: refused before the download, naming the knob ---
mkdir -p "$work/unsummed/$VERSION"
ln -s "$work/mirror/$VERSION/kubernetes-server-linux-amd64.tar.gz" "$work/unsummed/$VERSION/"
start_mirror "$work/unsummed" "$work/unsummed.port"
expect_failure "a release with no checksum" 20 "DIND_UNVERIFIED_RELEASE=accept" "${release_env[@]}" \
  DIND_RELEASE_URL="http://127.0.0.1:$(cat "$work/unsummed.port")"

# --- 6. the v1.10 script: stops before creating anything, naming version, URL and remedies ---
rc=0
CLUSTER_ID=$CLUSTER_ID DIND_RELEASE_URL="http://127.0.0.1:$closed_port" DIND_CACHE_DIR=$cache \
  "$ROOT/scripts/jbang" "$ROOT/fixed/dind-cluster-v1.10.java" up >"$work/out" 2>&1 || rc=$?
[ $rc -ne 0 ] || fail "v1.10 up succeeded without its release"
for text in "dind-cluster/node:v1.10.5" "Kubernetes v1.10.5" "http://127.0.0.1:$closed_port/v1.10.5/" "DIND_RELEASE_URL" "--binaries" "DIND_IMAGE"; do
  grep -qF -- "$text" "$work/out" || { cat "$work/out" >&2; fail "v1.10 up's error does not name '$text'"; }
done
[ "$(docker ps -aq --filter name=cluster-$CLUSTER_ID | wc -l)" = 0 ] || fail "v1.10 up created a container"
log "ok: v1.10 up stops before creating anything (exit $rc), naming the version, the URL and the remedies"

# --- 7. a version that needs containerd, asked for with docker: exit 3 before anything ---
rc=0
CLUSTER_ID=$CLUSTER_ID DIND_CRI=docker "$ROOT/scripts/jbang" "$ROOT/fixed/dind-cluster-v1.37.java" up >"$work/out" 2>&1 || rc=$?
[ $rc -eq 3 ] || { cat "$work/out" >&2; fail "v1.37 up with DIND_CRI=docker exited $rc, want 3"; }
grep -q "dockershim" "$work/out" || fail "v1.37 with DIND_CRI=docker does not say why"
log "ok: v1.37 with DIND_CRI=docker exits 3 before anything: $(grep -m1 dockershim "$work/out" | cut -c1-140)"
# --- 8. v1.37 goes on the containerd 2 base (no dockershim): its containerd (sid's 2.1) is still outside
# containerd's support matrix for 1.37 (2.2+), said before any download (the release URL is a closed
# port: nothing leaves the machine) ---
"$ROOT/scripts/build-node-base-trixie" >/dev/null
rc=0
CLUSTER_ID=$CLUSTER_ID DIND_RELEASE_URL="http://127.0.0.1:$closed_port" DIND_CACHE_DIR=$cache \
  "$ROOT/scripts/jbang" "$ROOT/fixed/dind-cluster-v1.37.java" up >"$work/out" 2>&1 || rc=$?
[ $rc -ne 0 ] || fail "v1.37 up succeeded without its release"
base_containerd=$(docker image inspect --format '{{ index .Config.Labels "dev.dindcluster.containerd-version" }}' dind-cluster/node-base:trixie)
grep -q "containerd ${base_containerd%%[~+]*} is outside containerd's support matrix for Kubernetes v1.37" "$work/out" \
  || { cat "$work/out" >&2; fail "v1.37 on containerd $base_containerd was not warned about"; }
[ "$(docker ps -aq --filter name=cluster-$CLUSTER_ID | wc -l)" = 0 ] || fail "v1.37 up created a container"
log "ok: v1.37 on the containerd 2 base's containerd $base_containerd: warned before the download"
log "release mirror: all passed"
