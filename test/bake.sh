#!/usr/bin/env bash
# End-to-end, a baked cluster (CLUSTER_ID=27, 1 + 1):
#   up; a ConfigMap and a Deployment of a local image; a failing --hook stops the bake (exit 1, the
#   cluster still up, nothing baked), one that is not executable is refused (exit 2);
#   `bake --tag` with a hook that creates a ConfigMap, with that image and a layered one
#   (its second layer deletes a file and a directory and replaces another directory) preloaded prints
#   one image per node and the node image; the cluster is down, its images carry what up --from checks;
#   clean; `docker save`, the baked images removed, `docker load` (as on another host);
#   bad input first (a bad name, another CLUSTER_ID, another NUM_NODES: exit 2, nothing created);
#   `up --from` restores without kubeadm: both nodes Ready, the ConfigMap there, the Deployment's pod
#   running again from the image baked into the node (kubectl exec), the layered image's deletions
#   still deleted inside the nodes (the inner runtime's whiteouts and opaque directories survived);
#   a second `up --from` over it: exit 3; clean.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ensure_kubectl
ensure_pod_image

export CLUSTER_ID=27 NUM_NODES=1
unset DIND_LABEL
ours="dev.dindcluster.cluster=cluster-27"
context=dind-cluster-27
name="dind-cluster-test/baked-$$:v1"
layered="dind-cluster-test/layered-$$:1"
workdir=$(mktemp -d)
export KUBECONFIG="$workdir/kubeconfig"
on_exit() {
  status=$?
  if [ $status -ne 0 ]; then
    for f in "$workdir"/*.err; do [ -f "$f" ] && { log "$(basename "$f"):"; tail -n 20 "$f" >&2; }; done
  fi
  $DIND clean -q >/dev/null 2>&1 || true
  docker images -q --filter "reference=dind-cluster-test/baked-$$*" | sort -u | xargs -r docker image rm -f >/dev/null 2>&1 || true
  docker image rm "$layered" >/dev/null 2>&1 || true
  rm -rf "$workdir"
  exit $status
}
trap on_exit EXIT
for kind in ps volume; do
  [ "$(count_labelled $kind "$ours")" = 0 ] || fail "cluster-27 resources exist already (someone's cluster?): not running over them"
done

k() { "$KUBECTL" --context "$context" "$@"; }
nodes_ready() { [ "$(k get nodes --no-headers 2>/dev/null | awk '$2=="Ready"' | wc -l)" -eq 2 ]; }
nothing_created() { [ "$(count_labelled ps "$ours")$(count_labelled volume "$ours")" = 00 ] || fail "$1 left resources"; }

t0=$SECONDS
dind up -q >/dev/null 2>"$workdir/up.err"
log "up: $((SECONDS - t0)) s"
k create configmap baked-state --from-literal=answer=42 >/dev/null
k create deployment baked-app --image="$POD_IMAGE" -- sh -c 'sleep 3600' >/dev/null
k patch deployment baked-app --type=json \
  -p '[{"op":"add","path":"/spec/template/spec/containers/0/imagePullPolicy","value":"Never"}]' >/dev/null

# Two layers: the second deletes a file and a directory and replaces a directory (whiteouts and an
# opaque directory in the inner runtime's overlay store).
mkdir -p "$workdir/layered"
printf 'FROM %s\nRUN mkdir -p /gone-dir /opaque && touch /gone-file /gone-dir/f /opaque/old\nRUN rm -rf /gone-file /gone-dir /opaque && mkdir /opaque && touch /opaque/new\n' \
  "$POD_IMAGE" >"$workdir/layered/Dockerfile"
docker build -q -t "$layered" "$workdir/layered" >/dev/null
layered_ok='test ! -e /gone-file && test ! -e /gone-dir && test ! -e /opaque/old && test -e /opaque/new'
dind copy-image "$layered" -q >/dev/null
docker exec kube-node-1-cluster-27 docker run --rm "$layered" sh -c "$layered_ok" || fail "the layered image is wrong before any bake"

printf '#!/bin/sh\necho the hook fails >&2\nexit 3\n' >"$workdir/failing-hook"
chmod +x "$workdir/failing-hook"
expect_exit 1 "bake with a failing hook" dind bake --tag "$name" --hook "$workdir/failing-hook"
grep -q "exited with 3: nothing was baked" "$workdir/expect.err" || fail "the failed hook is not reported: $(cat "$workdir/expect.err")"
nodes_ready || fail "a failed hook left the cluster down"
[ -z "$(docker images -q --filter "reference=dind-cluster-test/baked-$$*")" ] || fail "a failed hook left baked images"
printf 'not a program\n' >"$workdir/not-executable"
expect_exit 2 "bake with a hook that is not executable" dind bake --tag "$name" --hook "$workdir/not-executable"
cat >"$workdir/hook" <<HOOK
#!/bin/sh
set -e
"$KUBECTL" create configmap from-hook --from-literal=context="\$DIND_CONTEXT"
HOOK
chmod +x "$workdir/hook"

log "bake --tag $name --hook (creates a ConfigMap) --image $POD_IMAGE --image $layered"
t0=$SECONDS
dind bake --tag "$name" --hook "$workdir/hook" --image "$POD_IMAGE" --image "$layered" -q >"$workdir/bake.out" 2>"$workdir/bake.err" \
  || fail "bake exited $?"
mapfile -t baked_images <"$workdir/bake.out"
t_bake=$((SECONDS - t0))
want=("${name}-kube-master-cluster-27" "${name}-kube-node-1-cluster-27" dind-cluster/node:v1.20.2)
[ "${baked_images[*]}" = "${want[*]}" ] || fail "bake printed '${baked_images[*]}', want '${want[*]}'"
[ "$(count_labelled ps "$ours")" = 0 ] || fail "the cluster is not down after bake (or a helper container was left)"
docker image inspect -f '{{index .Config.Labels "dev.dindcluster.baked.node"}} {{index .Config.Labels "dev.dindcluster.baked.id"}}' \
  "${baked_images[1]}" | grep -qE "^kube-node-1-cluster-27 [0-9a-f]{16}$" || fail "${baked_images[1]} lacks its bake labels"
log "  ok: $t_bake s; ${baked_images[*]}"

dind clean -q
log "docker save, the baked images removed, docker load (as on another host)"
t0=$SECONDS
docker save -o "$workdir/cluster.tar" "${baked_images[@]}"
size=$(du -h "$workdir/cluster.tar" | cut -f1)
docker image rm "${baked_images[0]}" "${baked_images[1]}" >/dev/null
docker load -q -i "$workdir/cluster.tar" >/dev/null
rm -f "$workdir/cluster.tar"
log "  ok: $size saved and loaded in $((SECONDS - t0)) s"

expect_exit 2 "up --from with a bad name" dind up --from 'Bad/Name'
grep -q "'Bad/Name' is not an image name" "$workdir/expect.err" || fail "the error does not quote the bad name"
expect_exit 2 "up --from with another CLUSTER_ID" env CLUSTER_ID=28 $DIND up --from "$name"
grep -q "no image ${name}-kube-master-cluster-28" "$workdir/expect.err" || fail "the error does not name the missing image"
expect_exit 2 "up --from with another NUM_NODES" env NUM_NODES=2 $DIND up --from "$name"
grep -q "nodes has 2 entries baked, 3 in this run (NUM_NODES" "$workdir/expect.err" || fail "the error does not say the nodes differ: $(cat "$workdir/expect.err")"
nothing_created "refused up --from"
[ "$(count_labelled ps dev.dindcluster.cluster=cluster-28)$(count_labelled volume dev.dindcluster.cluster=cluster-28)" = 00 ] \
  || fail "refused up --from with CLUSTER_ID=28 left resources"

log "up --from $name"
t0=$SECONDS
dind up --from "$name" -q >"$workdir/from.out" 2>"$workdir/from.err"
t_from=$((SECONDS - t0))
nodes_ready || fail "not 2 Ready nodes after up --from: $(k get nodes)"
grep -q "restored" "$workdir/from.out" || fail "up --from did not restore: $(head -n1 "$workdir/from.out")"
[ "$(k get configmap baked-state -o jsonpath='{.data.answer}')" = 42 ] || fail "the ConfigMap did not survive the bake"
[ "$(k get configmap from-hook -o jsonpath='{.data.context}')" = "$context" ] || fail "the hook's ConfigMap is not in the baked cluster"
# exec needs a live container: a status kept in etcd from before the bake would not do.
wait_for 180 "the baked Deployment's pod running again" "$KUBECTL" --context "$context" exec deploy/baked-app -- true
for node in kube-master-cluster-27 kube-node-1-cluster-27; do
  docker exec "$node" docker run --rm "$layered" sh -c "$layered_ok" \
    || fail "$node: the layered image's deleted or replaced paths came back after the bake"
done
log "  ok: Ready in $t_from s (whole command), objects kept, the preloaded image runs, its layers intact"

expect_exit 3 "a second up --from over the running cluster" dind up --from "$name"
grep -q "already has volume" "$workdir/expect.err" || fail "the refusal does not say the volumes exist"

dind clean -q
for kind in ps volume network; do
  [ "$(count_labelled $kind "$ours")" = 0 ] || fail "clean left $kind resources"
done
log "timings: bake $t_bake s, up --from $t_from s"
log "*** OK ***"
