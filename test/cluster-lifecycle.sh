#!/usr/bin/env bash
# End-to-end: the original's test-cluster scenario on the real engine, with the ptp CNI (the default
# CNI, bridge, carries every other end-to-end test's clusters, and multi-cluster.sh checks its pods
# talk across nodes; CNIS="bridge ptp" runs the bridge pass here too: 1 + 2, pods, e2e, clean).
#   e2e with a bad focus -> exit 2; e2e without a cluster -> exit 3
#   up (1 + 4, the operator teams' shape) -> all nodes Ready -> a pod on each of two workers, pods ping each other across nodes, DNS answers
#   -> e2e: six cheap conformance specs (DNS among them), offline, all pass, with JUnit
#      XML and a summary; a second run of one spec copies no image again
#      (the e2e tools and test images are built or reused, cached by their inputs)
#   -> zones, a node label and a taint registered at join; a zone-spread deployment 1 + 1;
#      a StatefulSet of 4 spread 2 + 2 over the zones, its claims bound to local volumes on each pod's
#      node, data kept across down/up
#      (every pod made anew), a deleted claim's directory removed
#   -> a local registry (DIND_LOCAL_REGISTRY_PORT): an image built on the host and pushed to
#      127.0.0.1:PORT runs under that name on all 5 nodes (a DaemonSet, pulled, never copied);
#      down keeps the registry, and after the restore the nodes pull from it again
#   -> export-logs (live dump, split, report) has the expected files, Chromium renders the report;
#      list shows the cluster up, and down after `down`
#   -> down -> wait says exit 4 -> up (restore) -> Ready -> clean
#   -> nothing labelled as ours is left, and decoys made by the test are untouched.
# On failure the cluster state is printed as a dump64 blob (as CI users would) and cleaned up.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
CNIS=${CNIS:-ptp}
ensure_kubectl
ensure_pod_image
ensure_chromium
E2E_FOCUS='DNS should provide DNS for (services|ExternalName services)|Pods should get a host IP|Kubectl version should check is all data is printed|Services should serve a basic endpoint from pods|Secrets should be consumable from pods in volume \[NodeConformance\]'
E2E_EXPECTED=6
# The test images those specs use; copying all 13 into 5 nodes took longer than the specs themselves.
E2E_PRELOAD='/e2e/agnhost:|dnsutils'
log "node image, e2e binaries and test images (cached)"
"$ROOT/scripts/build-e2e-images" >/dev/null

run_id="e2e-$$"
decoy_label="dev.dindcluster.test-decoy=$run_id"
make_decoys() {
  # Named and labelled like the original's resources, but not labelled as ours.
  docker volume create --label "$decoy_label" --label mirantis.kubeadm_dind_cluster_runtime kubeadm-dind-kube-node-99 >/dev/null
  docker network create --label "$decoy_label" kubeadm-dind-net-decoy-$$ >/dev/null
  docker run -d --name "decoy-$$" --label "$decoy_label" --label mirantis.kubeadm_dind_cluster_runtime \
    "$POD_IMAGE" sleep 3600 >/dev/null
}
remove_decoys() {
  docker rm -f "decoy-$$" >/dev/null 2>&1 || true
  docker volume rm kubeadm-dind-kube-node-99 >/dev/null 2>&1 || true
  docker network rm kubeadm-dind-net-decoy-$$ >/dev/null 2>&1 || true
}

workdir=$(mktemp -d)
export KUBECONFIG="$workdir/kubeconfig"
current_env=()
on_exit() {
  status=$?
  if [ $status -ne 0 ]; then
    log "failed: cluster state follows as a dump64 blob (split it with split-dump64)"
    for f in "$workdir"/report-*/summary.txt; do [ -f "$f" ] && cat "$f" >&2; done
    for f in "$workdir"/report-*/e2e.log; do [ -f "$f" ] && tail -n 60 "$f" >&2; done
    env "${current_env[@]}" $DIND dump64 2>/dev/null || true
    env "${current_env[@]}" $DIND clean -q >/dev/null 2>&1 || true
  fi
  remove_decoys
  rm -rf "$workdir"
  exit $status
}
trap on_exit EXIT
make_decoys

k() { "$KUBECTL" --context "$context" "$@"; }

nodes_ready() { [ "$(k get nodes --no-headers 2>/dev/null | awk '$2=="Ready"' | wc -l)" -eq "$node_count" ]; }

check_pods_talk() {
  log "pods on both workers, ping across nodes, DNS"
  for n in 1 2; do
    k run "ping-$n" --image "$POD_IMAGE" --image-pull-policy=Never --restart=Never \
      --overrides "{\"spec\":{\"nodeSelector\":{\"kubernetes.io/hostname\":\"kube-node-$n$suffix\"}}}" \
      --command -- sleep 3600 >/dev/null
  done
  wait_for 120 "test pods Running" sh -c "[ \$($KUBECTL --context $context get pods ping-1 ping-2 --no-headers | grep -c Running) -eq 2 ]"
  ip1=$(k get pod ping-1 -o jsonpath='{.status.podIP}')
  ip2=$(k get pod ping-2 -o jsonpath='{.status.podIP}')
  node1=$(k get pod ping-1 -o jsonpath='{.spec.nodeName}'); node2=$(k get pod ping-2 -o jsonpath='{.spec.nodeName}')
  [ "$node1" != "$node2" ] || fail "both pods landed on $node1"
  k exec ping-1 -- ping -c 2 -W 3 "$ip2" >/dev/null || fail "ping-1 ($ip1 on $node1) cannot ping ping-2 ($ip2 on $node2)"
  k exec ping-2 -- ping -c 2 -W 3 "$ip1" >/dev/null || fail "ping-2 cannot ping ping-1"
  k exec ping-1 -- nslookup kubernetes.default.svc.cluster.local "$dns_ip" | grep -q "Address.*$service_ip" \
    || fail "cluster DNS did not resolve kubernetes.default to $service_ip"
  # Outside the cluster domain the cluster DNS forwards to the node's resolver (docker's, which knows
  # the node containers by name).
  master_ip=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "kube-master$suffix")
  k exec ping-1 -- nslookup "kube-master$suffix." "$dns_ip" | grep -q "Address.*$master_ip" \
    || fail "cluster DNS did not forward kube-master$suffix to the node's resolver ($master_ip)"
  log "  ok: $ip1 ($node1) <-> $ip2 ($node2), DNS resolves kubernetes.default and, forwarded, kube-master$suffix"
  check_default_dns k "kube-master$suffix." "$master_ip"
}

check_topology() {
  log "zones, labels and taints registered at join; a zone-spread deployment"
  local zone
  for n in "kube-master$suffix:zone-a" "kube-node-1$suffix:zone-a" "kube-node-2$suffix:zone-b" \
      "kube-node-3$suffix:zone-a" "kube-node-4$suffix:zone-b"; do
    zone=$(k get node "${n%%:*}" -o jsonpath='{.metadata.labels.topology\.kubernetes\.io/zone}')
    [ "$zone" = "${n##*:}" ] || fail "${n%%:*} is in zone '$zone', not ${n##*:}"
    [ "$(k get node "${n%%:*}" -o jsonpath='{.metadata.labels.failure-domain\.beta\.kubernetes\.io/region}')" = dind ] \
      || fail "${n%%:*} has no beta region label"
  done
  [ "$(k get node "kube-node-2$suffix" -o jsonpath='{.metadata.labels.example\.com/disk}')" = ssd ] \
    || fail "kube-node-2 lacks example.com/disk=ssd: $(k get node "kube-node-2$suffix" --show-labels)"
  k get node "kube-node-1$suffix" -o jsonpath='{range .spec.taints[*]}{.key}={.value}:{.effect}{"\n"}{end}' \
    | grep -qx 'dedicated=batch:PreferNoSchedule' || fail "kube-node-1 lacks the taint dedicated=batch:PreferNoSchedule"
  k get node "kube-master$suffix" -o jsonpath='{range .spec.taints[*]}{.key}:{.effect}{"\n"}{end}' \
    | grep -qx 'node-role.kubernetes.io/master:NoSchedule' || fail "the master lost kubeadm's taint"
  k apply -f - >/dev/null <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: {name: spread}
spec:
  replicas: 2
  selector: {matchLabels: {app: spread}}
  template:
    metadata: {labels: {app: spread}}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: spread}}}
      containers:
      - {name: c, image: $POD_IMAGE, imagePullPolicy: Never, command: [sleep, "3600"]}
YAML
  wait_for 120 "spread pods Running" sh -c "[ \$($KUBECTL --context $context get pods -l app=spread --no-headers | grep -c Running) -eq 2 ]"
  local zones
  zones=$(for node in $(k get pods -l app=spread -o jsonpath='{.items[*].spec.nodeName}'); do
    k get node "$node" -o jsonpath='{.metadata.labels.topology\.kubernetes\.io/zone}{"\n"}'; done | sort | tr '\n' ' ')
  [ "$zones" = "zone-a zone-b " ] || fail "the spread deployment landed in zones '$zones', not one in each"
  k delete deployment spread --wait=false >/dev/null
  log "  ok: master, node-1, node-3 in zone-a, node-2, node-4 in zone-b, label and taint registered, spread 1 + 1"
}

db_ids() { # the id each db pod wrote into its volume, in pod order
  local p
  for p in db-0 db-1 db-2 db-3; do k exec "$p" -- cat /data/id; done | tr '\n' ' '
}

check_local_volumes() {
  log "local persistent volumes: a StatefulSet of 4 spread over the zones"
  local t0=$SECONDS
  k apply -f - >/dev/null <<YAML
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 4
  podManagementPolicy: Parallel
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      terminationGracePeriodSeconds: 1
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: db}}}
      containers:
      - name: c
        image: $POD_IMAGE
        imagePullPolicy: Never
        command: [sh, -c, '[ -s /data/id ] || echo "\$(hostname)-\$RANDOM\$RANDOM" > /data/id; sleep 3600']
        volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 100Mi}}}
YAML
  wait_for 180 "db pods Running" sh -c "[ \$($KUBECTL --context $context get pods -l app=db --no-headers | grep -c Running) -eq 4 ]"
  local running=$((SECONDS - t0)) p node pv pv_node zones=""
  for p in 0 1 2 3; do
    node=$(k get pod "db-$p" -o jsonpath='{.spec.nodeName}')
    pv=$(k get pvc "data-db-$p" -o jsonpath='{.spec.volumeName}')
    [ "$(k get pvc "data-db-$p" -o jsonpath='{.status.phase}')" = Bound ] || fail "claim data-db-$p is not Bound"
    pv_node=$(k get pv "$pv" -o jsonpath='{.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}')
    [ "$pv_node" = "$node" ] || fail "volume $pv of db-$p is on $pv_node, the pod on $node"
    docker exec "$node" test -d "/var/lib/dind-local-volumes/$pv" || fail "no directory for $pv on $node"
    zones+="$(k get node "$node" -o jsonpath='{.metadata.labels.topology\.kubernetes\.io/zone}')"$'\n'
  done
  zones=$(printf '%s' "$zones" | sort | tr '\n' ' ')
  [ "$zones" = "zone-a zone-a zone-b zone-b " ] && [ "$(k get storageclass standard -o jsonpath='{.provisioner}')" = dev.dindcluster/local ] \
    || fail "db pods in zones '$zones' (want 2 + 2), or no standard class"
  # Whether the data outlives its pods is checked across down/up, where every pod is made anew.
  db_before=$(db_ids)
  log "  ok: 4 claims bound on their pods' nodes, 2 + 2 over zone-a and zone-b, in $running s; data written: $db_before"
}

check_local_volumes_after_restore() {
  wait_for 180 "db pods Running after restore" sh -c "[ \$($KUBECTL --context $context get pods -l app=db --no-headers | grep -c Running) -eq 4 ]"
  [ "$(db_ids)" = "$db_before" ] || fail "data changed across down/up: '$db_before' -> '$(db_ids)'"
  local pv node
  pv=$(k get pvc data-db-1 -o jsonpath='{.spec.volumeName}')
  node=$(k get pod db-1 -o jsonpath='{.spec.nodeName}')
  k delete statefulset db >/dev/null
  k delete pvc data-db-1 >/dev/null
  wait_for 120 "volume $pv deleted with its claim" sh -c "! $KUBECTL --context $context get pv $pv >/dev/null 2>&1"
  ! docker exec "$node" test -e "/var/lib/dind-local-volumes/$pv" || fail "the directory of deleted volume $pv is still on $node"
  log "  ok: data kept across down/up; a deleted claim's volume and directory are gone"
}

reg_port=$(free_port)
registry_image="127.0.0.1:$reg_port/app:dev"
check_registry() {
  log "local registry on 127.0.0.1:$reg_port: push from the host, pods pull on every node"
  local t0=$SECONDS bindings
  bindings=$(docker port "dind-registry$suffix")
  [ "$bindings" = "5000/tcp -> 127.0.0.1:$reg_port" ] || fail "the registry is not published on loopback only: $bindings"
  push_test_image "$registry_image" built-on-the-host
  k apply -f - >/dev/null <<YAML
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: from-registry}
spec:
  selector: {matchLabels: {app: from-registry}}
  template:
    metadata: {labels: {app: from-registry}}
    spec:
      terminationGracePeriodSeconds: 1
      tolerations: [{operator: Exists}]
      containers:
      - {name: c, image: "$registry_image", imagePullPolicy: Always, command: [sh, -c, 'cat /built; sleep 3600']}
YAML
  registry_pods_ready
  local p
  for p in $(k get pods -l app=from-registry -o name); do
    [ "$(k logs "$p")" = built-on-the-host ] || fail "$p does not run the image built on the host: $(k logs "$p" 2>&1)"
  done
  for node in $(k get nodes -o jsonpath='{.items[*].metadata.name}'); do
    docker exec "$node" docker image inspect "$registry_image" >/dev/null 2>&1 || fail "$node did not pull $registry_image"
  done
  log "  ok: pushed and pulled on $node_count nodes under its host name in $((SECONDS - t0)) s, no copy-image"
}
registry_pods_ready() {
  wait_for 180 "from-registry pods Running on $node_count nodes" sh -c \
    "[ \$($KUBECTL --context $context get pods -l app=from-registry --no-headers | grep -c Running) -eq $node_count ]"
}

check_dump() {
  log "export-logs (the live dump, split, with its report); list"
  local out="$workdir/dump"
  $DIND export-logs "$out" 2>/dev/null > "$workdir/split.out"
  for f in "nodes.txt" "psaux-kube-master$suffix.txt" "ip-r-kube-node-1$suffix.txt" "kubectl-all.txt" "describe-all.txt"; do
    [ -s "$out/$f" ] || fail "dump has no (or an empty) $f: $(ls "$out" | head -30)"
  done
  grep -q "kube-node-2$suffix" "$out/nodes.txt" || fail "nodes.txt does not list kube-node-2$suffix"
  compgen -G "$out/pod-kube-master$suffix-kube-system-kube-apiserver*" >/dev/null || fail "no kube-apiserver log in the dump"
  ! grep -rqE 'client-key-data: [A-Za-z0-9+/=]{20}|BEGIN (RSA |EC )?PRIVATE KEY' "$out" || fail "the dump contains a secret"
  grep -qx "$node_count nodes, $node_count Ready" "$workdir/split.out" || fail "the report summary does not say $node_count nodes, $node_count Ready: $(cat "$workdir/split.out")"
  local dom
  dom=$(render_report "$out/index.html" "report-live$suffix")
  for want in "<td>kube-master$suffix</td><td class=\"ok\">Ready</td>" "<td>kube-node-2$suffix</td><td class=\"ok\">Ready</td>" \
      '<a href="events.txt">events.txt</a>' '<h2 id="warnings">'; do
    grep -qF "$want" <<<"$dom" || fail "Chromium's rendering of the live report lacks: $want"
  done
  $DIND kubeconfig --output "$workdir/standalone" 2>/dev/null
  [ "$(stat -c %a "$workdir/standalone")" = 600 ] && "$KUBECTL" --kubeconfig "$workdir/standalone" get nodes >/dev/null \
    || fail "the standalone kubeconfig is not 0600 or does not reach the cluster"
  $DIND list 2>/dev/null | grep -qE "^$label +3 +up +$node_count/$node_count running +$node_count +kubeadm-dind-net$suffix\$" \
    || fail "list does not show $label up: $($DIND list 2>&1)"
  $DIND nodes 2>/dev/null | grep -qE "^kube-node-2$suffix +worker +running +10\.192\.3\.4 +zone-b\$" \
    || fail "nodes does not show kube-node-2 running in zone-b: $($DIND nodes 2>&1)"
  $DIND status -o yaml 2>/dev/null | grep -qx "state: running" || fail "status -o yaml does not say running: $($DIND status -o yaml 2>&1)"
  log "  ok: $(ls "$out" | wc -l) sections; the report renders in Chromium (screenshot $ARTIFACTS/report-live$suffix.png); list, nodes, status -o yaml"
}

check_e2e() {
  log "e2e with $E2E_EXPECTED focused conformance specs"
  local t0=$SECONDS code=0
  dind e2e "$E2E_FOCUS" --preload "$E2E_PRELOAD" --report-dir "$workdir/report-$cni" >"$workdir/summary" 2>"$workdir/e2e.err" || code=$?
  cat "$workdir/summary" >&2
  [ "$code" = 0 ] || fail "e2e exited with $code"
  head -n1 "$workdir/summary" | grep -q "^e2e: $E2E_EXPECTED passed, 0 failed" || fail "expected $E2E_EXPECTED passed specs: $(head -n1 "$workdir/summary")"
  grep -q "DNS should provide DNS for services" "$workdir/summary" || fail "the DNS spec is not among the slowest list"
  ls "$workdir"/report-$cni/junit_*.xml >/dev/null 2>&1 || fail "no JUnit XML in the report directory"
  [ "$(grep -ho '<testcase' "$workdir"/report-$cni/junit_*.xml | wc -l)" -gt 1000 ] || fail "the JUnit XML lists too few specs"
  grep -q "^report: $workdir/report-$cni" "$workdir/summary" || fail "the report location is not printed"
  log "  ok: e2e took $((SECONDS - t0)) s (readiness wait, image copy and the specs)"
  dind e2e 'Kubectl version should check is all data is printed' --preload "$E2E_PRELOAD" --report-dir "$workdir/report2-$cni" >"$workdir/summary2" 2>"$workdir/e2e2.err"
  grep -q "Loading .* into .* nodes" "$workdir/e2e2.err" && fail "the second run copied images again"
  head -n1 "$workdir/summary2" | grep -q "^e2e: 1 passed, 0 failed" || fail "second run: $(head -n1 "$workdir/summary2")"
  log "  ok: a second run of one spec copied no image again"
}

expect_exit 2 "e2e with an unbalanced focus" dind e2e '[Conformance'
grep -q "focus expression '\[Conformance'" "$workdir/expect.err" || fail "the error does not name the bad focus: $(cat "$workdir/expect.err")"
expect_exit 2 "e2e with a lookahead in skip" dind e2e-serial '\[Serial\]' '(?!x)'
expect_exit 2 "e2e with a --preload that is no regular expression" dind e2e "$E2E_FOCUS" --preload 'agnhost('
grep -q -- "--preload 'agnhost('" "$workdir/expect.err" || fail "the error does not name the bad --preload: $(cat "$workdir/expect.err")"
expect_exit 3 "e2e without a cluster" dind e2e "$E2E_FOCUS"

# A bad topology value stops before anything exists.
if DIND_NODE_TAINTS="kube-node-1:dedicated=batch:Sometimes" CLUSTER_ID=3 $DIND up >/dev/null 2>"$workdir/bad.err"; then
  fail "up accepted DIND_NODE_TAINTS with effect Sometimes"
else
  [ $? -eq 2 ] || fail "up with a bad taint did not exit 2: $(cat "$workdir/bad.err")"
fi
grep -q "Sometimes" "$workdir/bad.err" || fail "the error does not quote the bad taint: $(cat "$workdir/bad.err")"
[ "$(count_labelled ps dev.dindcluster.cluster=cluster-3)$(count_labelled volume dev.dindcluster.cluster=cluster-3)" = 00 ] \
  || fail "a bad taint left resources"

for cni in $CNIS; do
  if [ "$cni" = bridge ]; then current_env=(); suffix=""; context=dind; label=mirantis.kubeadm_dind_cluster_runtime; node_count=3
  else current_env=(CLUSTER_ID=3 NUM_NODES=4 DIND_ZONES=zone-a,zone-b "DIND_NODE_LABELS=kube-node-2:example.com/disk=ssd"
         "DIND_NODE_TAINTS=kube-node-1:dedicated=batch:PreferNoSchedule" DIND_LOCAL_REGISTRY_PORT="$reg_port")
       suffix="-cluster-3"; context=dind-cluster-3; label=cluster-3; node_count=5; fi
  current_env+=(CNI_PLUGIN="$cni")
  export "${current_env[@]}"
  service_ip=10.96.0.1; dns_ip=10.96.0.10
  ours="dev.dindcluster.cluster=$label"
  log "=== CNI $cni (context $context)"

  t0=$SECONDS
  dind up -q >/dev/null
  log "up: $((SECONDS - t0)) s"
  nodes_ready || fail "not $node_count Ready nodes after up: $(k get nodes)"
  $DIND wait --timeout 60 2>/dev/null | grep -q "is ready" || fail "wait did not report the running cluster ready"
  port=$(dind apiserver-port 2>/dev/null)
  [[ "$port" =~ ^[0-9]+$ ]] || fail "apiserver-port printed '$port'"
  k config view --minify -o jsonpath='{.clusters[0].cluster.server}' | grep -q "^https://127.0.0.1:$port$" \
    || fail "kubeconfig server is not https://127.0.0.1:$port"
  [ "$(stat -c %a "$KUBECONFIG")" = 600 ] || fail "kubeconfig mode is not 0600"
  docker port "kube-master$suffix" | grep -q "127.0.0.1:$port" || fail "API server not published on loopback"

  dind copy-image "$POD_IMAGE" -q >/dev/null
  check_pods_talk
  check_e2e
  if [ "$cni" = bridge ]; then
    # The rest (dump, topology, local volumes, down/restore) runs once, in the ptp pass.
    dind clean -q
    for kind in ps volume network; do
      [ "$(count_labelled $kind "$ours")" -eq 0 ] || fail "clean left $kind resources labelled $ours"
    done
    unset CNI_PLUGIN
    continue
  fi
  if [ -n "${DIND_ZONES:-}" ]; then check_topology; check_local_volumes; fi
  if [ -n "${DIND_LOCAL_REGISTRY_PORT:-}" ]; then check_registry; fi
  check_dump

  dind down -q
  [ "$(count_labelled ps "$ours")" -eq 0 ] || fail "containers left after down"
  [ "$(count_labelled volume "$ours")" -eq "$node_count" ] || fail "down must keep the $node_count node volumes"
  if [ -n "${DIND_LOCAL_REGISTRY_PORT:-}" ]; then
    [ "$(docker inspect -f '{{.State.Running}}' "dind-registry$suffix")" = true ] || fail "down did not keep the registry running"
  fi
  $DIND list --json 2>/dev/null | grep -qE '"state" ?: "down"' || fail "list --json does not show $label down: $($DIND list 2>&1)"
  if $DIND wait --timeout 2 >/dev/null 2>"$workdir/wait.err"; then fail "wait said a cluster after down is ready"; else
    [ $? -eq 4 ] && grep -q "not running" "$workdir/wait.err" || fail "wait after down: not exit 4 naming the master: $(cat "$workdir/wait.err")"; fi
  t0=$SECONDS
  dind up -q >/dev/null
  log "restore up: $((SECONDS - t0)) s"
  nodes_ready || fail "not $node_count Ready nodes after restore: $(k get nodes)"
  if [ -n "${DIND_ZONES:-}" ]; then check_local_volumes_after_restore; fi
  if [ -n "${DIND_LOCAL_REGISTRY_PORT:-}" ]; then
    # Fresh pods on the restored nodes pull again (Always) through the nodes' new rules.
    k delete pods -l app=from-registry --wait=false >/dev/null
    registry_pods_ready
    log "  ok: after the restore the nodes pull from the kept registry"
  fi

  dind clean -q
  for kind in ps volume network; do
    [ "$(count_labelled $kind "$ours")" -eq 0 ] || fail "clean left $kind resources labelled $ours"
  done
  [ "$(count_labelled ps "dev.dindcluster.support=$label")" -eq 0 ] || fail "clean left the registry"
  docker image rm "$registry_image" >/dev/null 2>&1 || true
  k config get-contexts -o name 2>/dev/null | grep -qx "$context" && fail "clean left context $context"
  unset CLUSTER_ID NUM_NODES CNI_PLUGIN DIND_ZONES DIND_NODE_LABELS DIND_NODE_TAINTS DIND_LOCAL_REGISTRY_PORT
done

[ "$(count_labelled ps "$decoy_label")" -eq 1 ] || fail "the decoy container was touched"
[ "$(count_labelled volume "$decoy_label")" -eq 1 ] || fail "the decoy volume was touched"
[ "$(count_labelled network "$decoy_label")" -eq 1 ] || fail "the decoy network was touched"
log "*** OK ***"
