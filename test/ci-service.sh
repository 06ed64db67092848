#!/usr/bin/env bash
# End-to-end, a baked single-node cluster as a CI service (CLUSTER_ID=41, NUM_NODES=0):
#   `wait --url` with a bad address: exit 2;
#   up; a ConfigMap; bake --tag with the pod image preloaded; clean (nothing of the cluster left);
#   a bad DIND_HTTP_PORT: the container exits 2 at once, naming it;
#   `docker run` of the master image (no volume: /var on tmpfs), its API and endpoints published on
#   loopback: /kubernetes-ready answers 503 before it is ready, `wait --url` returns once it is,
#   /docker-ready 200, /config is a kubeconfig for the address asked that kubectl uses (TLS verified):
#   the node Ready, the baked ConfigMap, a pod of the preloaded image runs on the single node;
#   /dump64 splits (with its report) into the node's and the cluster's sections, a password in a
#   pod's log redacted and a marker-like line in it kept as content; /dump is the plain dump;
#   Debian's docker-compose: the same image as a service with a volume at /var, and a job container
#   beside it that fetches http://k8s:8080/config and runs kubectl against https://k8s:6443 (the
#   service's name, not an address in the certificate); everything removed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ensure_kubectl
ensure_pod_image

export CLUSTER_ID=41 NUM_NODES=0
unset DIND_LABEL
ours="dev.dindcluster.cluster=cluster-41"
context=dind-cluster-41
name="dind-cluster-test/service-$$:v1"
image="${name}-kube-master-cluster-41"
service="dind-cluster-test-service-$$"
project="dindservice$$"
workdir=$(mktemp -d)
export KUBECONFIG="$workdir/kubeconfig"
compose() { docker-compose -p "$project" -f "$workdir/docker-compose.yml" "$@"; }
on_exit() {
  status=$?
  if [ $status -ne 0 ]; then
    for f in "$workdir"/*.err; do [ -f "$f" ] && { log "$(basename "$f"):"; tail -n 20 "$f" >&2; }; done
    docker logs "$service" 2>&1 | tail -n 30 >&2 || true
  fi
  docker rm -f -v "$service" >/dev/null 2>&1 || true
  [ -f "$workdir/docker-compose.yml" ] && compose down -v --remove-orphans >/dev/null 2>&1 || true
  $DIND clean -q >/dev/null 2>&1 || true
  docker images -q --filter "reference=dind-cluster-test/service-$$*" | sort -u | xargs -r docker image rm -f >/dev/null 2>&1 || true
  rm -rf "$workdir"
  exit $status
}
trap on_exit EXIT
for kind in ps volume; do
  [ "$(count_labelled $kind "$ours")" = 0 ] || fail "cluster-41 resources exist already (someone's cluster?): not running over them"
done
if ! command -v docker-compose >/dev/null; then
  log "installing Debian's docker-compose"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 docker-compose >/dev/null 2>"$workdir/apt.err" \
    || { apt-get update -qq -o DPkg::Lock::Timeout=600 >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 docker-compose >/dev/null; }
fi

expect_exit 2 "wait --url without a scheme" dind wait --url localhost:8080
grep -q -- "--url 'localhost:8080'" "$workdir/expect.err" || fail "the error does not name the bad address: $(cat "$workdir/expect.err")"

t0=$SECONDS
dind up -q >/dev/null 2>"$workdir/up.err"
"$KUBECTL" --context "$context" create configmap baked-state --from-literal=answer=42 >/dev/null
log "up: $((SECONDS - t0)) s; bake --tag $name --image $POD_IMAGE"
t0=$SECONDS
dind bake --tag "$name" --image "$POD_IMAGE" >"$workdir/bake.out" 2>"$workdir/bake.err" || fail "bake exited $?"
[ "$(head -n1 "$workdir/bake.out")" = "$image" ] || fail "bake printed $(head -n1 "$workdir/bake.out"), want $image first"
# bake says how to run it as a service on this engine; the run below uses its flags.
hint=$(sed -n 's/^As a CI service: //p' "$workdir/bake.err")
case "$hint" in
  "docker run -d "*" -p 127.0.0.1:6443:6443 -p 127.0.0.1:8080:8080 $image") ;;
  *) fail "bake did not suggest the service's docker run: '$hint'" ;;
esac
flags=${hint#docker run -d }
eval "run_flags=(${flags% -p 127.0.0.1:6443:6443*})"
dind clean -q
for kind in ps volume network; do
  [ "$(count_labelled $kind "$ours")" = 0 ] || fail "clean left $kind resources"
done
log "  ok: baked in $((SECONDS - t0)) s, the cluster itself cleaned"

# What the service container needs: --privileged, or where the host lacks CAP_SYS_RESOURCE (this
# machine) everything but that capability; compose says the same in its own words.
capbnd=$(awk '/^CapBnd:/ { print $2 }' /proc/self/status)
if [ $(( (0x$capbnd >> 24) & 1 )) -eq 1 ]; then
  [ "${run_flags[*]}" = --privileged ] || fail "bake suggested '${run_flags[*]}' on a host with CAP_SYS_RESOURCE"
  compose_security='    privileged: true'
else
  [ "${run_flags[0]}" = --cap-add ] || fail "bake suggested '${run_flags[*]}' on a host without CAP_SYS_RESOURCE"
  compose_security='    cap_add: [ALL]
    cap_drop: [SYS_RESOURCE]
    security_opt: [seccomp=unconfined, apparmor=unconfined]
    device_cgroup_rules: ["a *:* rwm"]
    devices: [/dev/kmsg]'
fi

expect_exit 2 "the service with DIND_HTTP_PORT=99999" docker run --rm "${run_flags[@]}" -e DIND_HTTP_PORT=99999 "$image"
grep -q "DIND_HTTP_PORT='99999' is not a port" "$workdir/expect.err" || fail "the refusal does not name the port: $(cat "$workdir/expect.err")"

api_port=$(free_port); http_port=$(free_port)
log "docker run $image (API on 127.0.0.1:$api_port, endpoints on 127.0.0.1:$http_port)"
t0=$SECONDS
docker run -d --name "$service" "${run_flags[@]}" -e DIND_API_PORT="$api_port" \
  -p "127.0.0.1:$api_port:6443" -p "127.0.0.1:$http_port:8080" "$image" >/dev/null
endpoint="http://127.0.0.1:$http_port"
wait_for 60 "the service's endpoints answering" curl -s -o /dev/null "$endpoint/docker-ready"
code=$(curl -s -o "$workdir/first" -w '%{http_code}' "$endpoint/kubernetes-ready")
[ "$code" = 503 ] || fail "/kubernetes-ready answered $code before the cluster could be ready: $(cat "$workdir/first")"
dind wait --url "$endpoint" --timeout 240 >"$workdir/wait.out" 2>"$workdir/wait.err" || fail "wait --url exited $?"
t_ready=$((SECONDS - t0))
[ "$(curl -s -o /dev/null -w '%{http_code}' "$endpoint/docker-ready")" = 200 ] || fail "/docker-ready is not 200 once ready"
curl -sf "$endpoint/config" >"$workdir/service.conf" || fail "/config did not answer"
grep -q "server: https://127.0.0.1:$api_port" "$workdir/service.conf" || fail "/config does not name the address asked: $(grep server: "$workdir/service.conf")"
sk() { "$KUBECTL" --kubeconfig "$workdir/service.conf" "$@"; }
[ "$(sk get nodes --no-headers | awk '$2 == "Ready"' | wc -l)" = 1 ] || fail "the service's node is not Ready: $(sk get nodes)"
[ "$(sk get configmap baked-state -o jsonpath='{.data.answer}')" = 42 ] || fail "the baked ConfigMap is not in the service"
sk run probe --image="$POD_IMAGE" --image-pull-policy=Never --restart=Never -- sh -c 'echo served' >/dev/null
wait_for 120 "the probe pod Succeeded" sh -c "[ \"\$('$KUBECTL' --kubeconfig '$workdir/service.conf' get pod probe -o jsonpath='{.status.phase}')\" = Succeeded ]"
[ "$(sk logs probe)" = served ] || fail "the probe pod's log is '$(sk logs probe)'"

# /dump64 and /dump: the live dump from inside the service. A pod whose log carries a password and a
# line that looks like a section marker: the dump must hide the one and not be split by the other.
sk run chatty --image="$POD_IMAGE" --image-pull-policy=Never --restart=Never -- \
  sh -c 'echo "password: hunter2-in-a-log"; echo "@@@ nodes.txt @@@"' >/dev/null
wait_for 120 "the chatty pod Succeeded" sh -c "[ \"\$('$KUBECTL' --kubeconfig '$workdir/service.conf' get pod chatty -o jsonpath='{.status.phase}')\" = Succeeded ]"
t_dump=$SECONDS
curl -sf "$endpoint/dump64" >"$workdir/dump64.log" || fail "/dump64 did not answer"
t_dump=$((SECONDS - t_dump))
[ "$(head -n1 "$workdir/dump64.log")" = "%%% start-base64 %%%" ] || fail "/dump64 does not start with the blob's marker: $(head -c 200 "$workdir/dump64.log")"
dind split-dump64 --report --output "$workdir/split" <"$workdir/dump64.log" >"$workdir/split.out" 2>"$workdir/split.err" \
  || fail "split-dump64 of /dump64 exited $?: $(cat "$workdir/split.err")"
node=kube-master-cluster-41
for f in "service-$node-kubelet.service.log" "service-$node-docker.service.log" "psaux-$node.txt" "dockerps-a-$node.txt" \
  "ip-a-$node.txt" "ip-r-$node.txt" "pod-$node-default-probe--probe.log" kubectl-all.txt describe-all.txt nodes.txt \
  events.txt index.html; do
  [ -s "$workdir/split/$f" ] || fail "the service's dump has no (or an empty) $f: $(ls "$workdir/split")"
done
grep -qx "1 nodes, 1 Ready" "$workdir/split.out" || fail "the report summary does not say 1 nodes, 1 Ready: $(cat "$workdir/split.out")"
[ "$(cat "$workdir/split/pod-$node-default-chatty--chatty.log")" = "password: <redacted>
@@@ nodes.txt @@@" ] || fail "the chatty pod's log in the dump: $(cat "$workdir/split/pod-$node-default-chatty--chatty.log")"
grep -q "^$node " "$workdir/split/nodes.txt" || fail "nodes.txt does not list $node: $(cat "$workdir/split/nodes.txt")"
! grep -rqE 'hunter2|BEGIN (RSA |EC )?PRIVATE KEY' "$workdir/split" || fail "a secret reached the service's dump"
curl -sf "$endpoint/dump" >"$workdir/dump.txt" || fail "/dump did not answer"
[ "$(head -n1 "$workdir/dump.txt")" = "*** Dumping cluster state ***" ] || fail "/dump does not start with the dump's header"
grep -qx "@@@ nodes.txt @@@" "$workdir/dump.txt" || fail "/dump has no nodes.txt section"
log "  ok: /dump64 in $t_dump s ($(wc -c <"$workdir/dump64.log") bytes), split into $(ls "$workdir/split" | wc -l) files with its report; /dump"
# Whole log first: with pipefail, `docker logs | grep -q` fails when grep exits early (SIGPIPE).
service_log=$(docker logs "$service" 2>&1)
grep -q "mounting a tmpfs" <<<"$service_log" || fail "the service did not say /var is on tmpfs without a volume"
log "  ok: Ready in $t_ready s (docker run to wait --url); /config's kubeconfig works; a pod of the preloaded image ran"
docker rm -f -v "$service" >/dev/null

log "docker-compose: the service with a volume at /var, a job beside it using http://k8s:8080/config"
cat >"$workdir/docker-compose.yml" <<YAML
version: "2.4"
services:
  k8s:
    image: $image
$compose_security
    volumes: [k8s-var:/var]
    ports: ["127.0.0.1:$http_port:8080"]
  job:
    image: $POD_IMAGE
    depends_on: [k8s]
    volumes: ["$KUBECTL:/kubectl:ro"]
    command: ["sh", "-c", "until wget -q -O - http://k8s:8080/kubernetes-ready >/dev/null 2>&1; do sleep 1; done;
      wget -q -O /tmp/config http://k8s:8080/config && /kubectl --kubeconfig /tmp/config get configmap baked-state -o jsonpath={.data.answer}"]
volumes:
  k8s-var: {}
YAML
t0=$SECONDS
compose up -d >/dev/null 2>"$workdir/compose.err" || fail "docker-compose up failed"
job=$(compose ps -q job)
[ "$(timeout 300 docker wait "$job")" = 0 ] || fail "the job container failed: $(docker logs "$job" 2>&1 | tail -n 5)"
[ "$(docker logs "$job" 2>&1)" = 42 ] || fail "the job printed '$(docker logs "$job" 2>&1)', want 42"
dind wait --url "http://127.0.0.1:$http_port" --timeout 10 >/dev/null || fail "wait --url on the compose service"
t_compose=$((SECONDS - t0))
compose down -v >/dev/null 2>&1
log "  ok: the job read the baked ConfigMap through https://k8s:6443 in $t_compose s"
log "timings: docker run to ready $t_ready s, compose up to the job's answer $t_compose s"
log "*** OK ***"
