#!/usr/bin/env bash
# End-to-end, IP_MODE=ipv6 (the spirit of the original's test-net-connectivity.sh, without the internet):
#   bad input in the v6 modes is rejected with exit 2 before anything is created;
#   up (CLUSTER_ID=6) -> nodes Ready on IPv6 addresses -> the DNS64 (bind9-cluster-6) and NAT64
#   (tayga-cluster-6) support containers at the original's addresses -> pods on two nodes ping6
#   each other -> a TEST DNS server on the cluster's network (an authoritative bind9 for dind.test,
#   IPv4 only, set as REMOTE_DNS64_V4SERVER) serves ipv4only.dind.test with an A record only; the
#   DNS64 query from a node and from a pod (through the cluster DNS, which forwards outside names to
#   the node's resolver) returns the address synthesized in DNS64_PREFIX; PTR of an IPv6 ClusterIP; a
#   pod reaches that address through NAT64 -> down keeps the support containers -> up (restore)
#   keeps the same ones and DNS64 still answers -> 4 DNS and service conformance specs pass ->
#   clean removes everything.
# No packet goes to an outside address: the only upstream is the test DNS on the cluster network.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ensure_kubectl
ensure_pod_image
t_start=$SECONDS

export IP_MODE=ipv6 CLUSTER_ID=6
suffix=-cluster-6 context=dind-cluster-6 label=cluster-6
net=kubeadm-dind-net$suffix
test_dns_ip=172.24.0.53                 # in the NAT64 IPv4 subnet: 172.18 + CLUSTER_ID 6 = 172.24.0.0/16
export REMOTE_DNS64_V4SERVER=$test_dns_ip
dns64_prefix=fd00:10:64:ff9b::
synthesized=fd00:10:64:ff9b::ac18:35    # RFC 6052 /96 embedding of 172.24.0.53
test_dns=dind-test-dns-$$

for name in kube-master$suffix bind9$suffix tayga$suffix; do
  docker container inspect "$name" >/dev/null 2>&1 && fail "$name already exists (someone's cluster?): not running over it"
done
docker network inspect "$net" >/dev/null 2>&1 && fail "network $net already exists: not running over it"

workdir=$(mktemp -d)
export KUBECONFIG="$workdir/kubeconfig"
on_exit() {
  status=$?
  if [ $status -ne 0 ]; then
    log "failed: cluster state follows as a dump64 blob (split it with split-dump64)"
    $DIND dump64 2>/dev/null | tail -c 200000 || true
    for c in bind9$suffix tayga$suffix "$test_dns"; do
      docker logs --tail 20 "$c" 2>&1 | sed "s/^/[$c] /" >&2 || true
    done
  fi
  docker rm -f "$test_dns" >/dev/null 2>&1 || true
  $DIND clean -q >/dev/null 2>&1 || true
  rm -rf "$workdir"
  exit $status
}
trap on_exit EXIT
k() { "$KUBECTL" --context "$context" "$@"; }

log "bad input in the IPv6 modes: exit 2, nothing created"
t0=$SECONDS
expect_invalid() { # <quoted bad value> <env assignments...>
  local bad=$1; shift
  set +e
  env "$@" $DIND up -q >"$workdir/bad.out" 2>"$workdir/bad.err"
  local rc=$?
  set -e
  [ $rc -eq 2 ] || fail "'$*' exited $rc, not 2: $(cat "$workdir/bad.err")"
  grep -qF -- "$bad" "$workdir/bad.err" || fail "'$*': the message does not quote '$bad': $(cat "$workdir/bad.err")"
}
expect_invalid "172.32" IP_MODE=ipv6 CLUSTER_ID=14 REMOTE_DNS64_V4SERVER=8.8.8.8      # NAT64 prefix pushed out of 172.16/12
expect_invalid "100.64" IP_MODE=ipv6 NAT64_V4_SUBNET_PREFIX=100.64                    # not a private range
expect_invalid "flannel" IP_MODE=ipv6 CNI_PLUGIN=flannel                             # IPv6 pods need bridge or ptp
expect_invalid "fd00:40::/121" IP_MODE=ipv6 POD_NETWORK_CIDR=fd00:40::/121
expect_invalid "10.192.0.0/24" IP_MODE=ipv6 MGMT_CIDRS=10.192.0.0/24                  # wrong family
expect_invalid "fd00:2::/64" IP_MODE=dual-stack MGMT_CIDRS=fd00:1::/64,fd00:2::/64    # dual-stack needs both families
for kind in ps volume network; do
  [ "$(count_labelled $kind dev.dindcluster.cluster=cluster-14)" = 0 ] && [ "$(count_labelled $kind dev.dindcluster.cluster=$label)" = 0 ] \
    || fail "a rejected up created $kind resources"
done
docker container inspect kube-master-cluster-14 >/dev/null 2>&1 && fail "a rejected up created kube-master-cluster-14"
t_bad=$((SECONDS - t0))
log "  ok: 6 rejections in ${t_bad} s"

t0=$SECONDS
"$ROOT/scripts/build-support-image" >/dev/null
t_image=$((SECONDS - t0))
log "support image ready in ${t_image} s"

t0=$SECONDS
$DIND up -q >/dev/null
t_up=$((SECONDS - t0))
log "up: ${t_up} s"
addresses=$(k get nodes -o jsonpath='{range .items[*]}{.metadata.name}={.status.addresses[?(@.type=="InternalIP")].address} {end}')
[ "$addresses" = "kube-master$suffix=fd00:20:6::2 kube-node-1$suffix=fd00:20:6::3 kube-node-2$suffix=fd00:20:6::4 " ] \
  || fail "node addresses are not the planned IPv6 ones: $addresses"
[ "$(k get nodes --no-headers | awk '$2=="Ready"' | wc -l)" = 3 ] || fail "not 3 Ready nodes: $(k get nodes)"
[ "$(k get svc kubernetes -o jsonpath='{.spec.clusterIP}')" = fd00:30::1 ] || fail "the kubernetes service is not on fd00:30::1"

ip6_of() { docker inspect -f "{{(index .NetworkSettings.Networks \"$net\").GlobalIPv6Address}}" "$1"; }
ip4_of() { docker inspect -f "{{(index .NetworkSettings.Networks \"$net\").IPAddress}}" "$1"; }
[ "$(ip6_of bind9$suffix)" = fd00:20:6::100 ] || fail "bind9$suffix is not at fd00:20:6::100"
[ "$(ip6_of tayga$suffix)" = fd00:20:6::200 ] && [ "$(ip4_of tayga$suffix)" = 172.24.0.200 ] \
  || fail "tayga$suffix is not at fd00:20:6::200 / 172.24.0.200"
[ "$(count_labelled ps dev.dindcluster.support=$label)" = 2 ] || fail "not 2 support containers labelled $label"
bind9_id=$(docker inspect -f '{{.Id}}' bind9$suffix); tayga_id=$(docker inspect -f '{{.Id}}' tayga$suffix)

log "the test DNS: authoritative for dind.test on $net at $test_dns_ip, IPv4 only"
docker run -d --name "$test_dns" --label dev.dindcluster.test=ipv6 --network "$net" --ip "$test_dns_ip" \
  dind-cluster/support:bookworm sh -c '
    mkdir -p /var/cache/bind
    cat >/etc/bind/named.conf <<EOF
options { directory "/var/cache/bind"; recursion no; dnssec-validation no; listen-on { any; }; listen-on-v6 { none; }; };
zone "dind.test" { type master; file "/etc/bind/db.dind.test"; };
EOF
    printf "\$TTL 60\n@ SOA ns admin 1 60 60 60 60\n@ NS ns\nns A '"$test_dns_ip"'\nipv4only A '"$test_dns_ip"'\n" >/etc/bind/db.dind.test
    exec named -g -4 -c /etc/bind/named.conf' >/dev/null
wait_for 30 "the test DNS answering" sh -c "docker exec $test_dns dig +short @127.0.0.1 ipv4only.dind.test A | grep -qx $test_dns_ip"
[ -z "$(docker exec "$test_dns" dig +short @127.0.0.1 ipv4only.dind.test AAAA)" ] || fail "the test name has an AAAA record"

$DIND copy-image "$POD_IMAGE" -q >/dev/null
log "pods on both workers ping6 each other"
for n in 1 2; do
  k run "ping-$n" --image "$POD_IMAGE" --image-pull-policy=Never --restart=Never \
    --overrides "{\"spec\":{\"nodeSelector\":{\"kubernetes.io/hostname\":\"kube-node-$n$suffix\"}}}" \
    --command -- sleep 3600 >/dev/null
done
wait_for 120 "test pods Running" sh -c "[ \$($KUBECTL --context $context get pods ping-1 ping-2 --no-headers | grep -c Running) -eq 2 ]"
ip1=$(k get pod ping-1 -o jsonpath='{.status.podIP}'); ip2=$(k get pod ping-2 -o jsonpath='{.status.podIP}')
[[ "$ip1" == fd00:40:* && "$ip2" == fd00:40:* ]] || fail "pod addresses are not in fd00:40::/72: $ip1 $ip2"
k exec ping-1 -- ping -c 2 -W 3 "$ip2" >/dev/null || fail "ping-1 ($ip1) cannot ping6 ping-2 ($ip2)"
k exec ping-2 -- ping -c 2 -W 3 "$ip1" >/dev/null || fail "ping-2 ($ip2) cannot ping6 ping-1 ($ip1)"
log "  ok: $ip1 <-> $ip2"
log "cluster DNS over IPv6: kubernetes.default has an AAAA answer"
svc_answer=$(k exec ping-1 -- nslookup -type=AAAA kubernetes.default.svc.cluster.local fd00:30::a 2>&1 | awk '/^Address/ && !/#|\]:53/ {print $2}' | tail -n1)
[ "$svc_answer" = "fd00:30::1" ] || fail "cluster DNS gave '$svc_answer' for kubernetes.default, not fd00:30::1"
ptr_answer=$(k exec ping-1 -- nslookup fd00:30::1 fd00:30::a 2>&1 | awk -F'name = ' '/name =/ {print $2}' | head -n1)
[ "$ptr_answer" = "kubernetes.default.svc.cluster.local" ] || fail "cluster DNS gave PTR '$ptr_answer' for fd00:30::1"
log "  ok: $svc_answer, PTR $ptr_answer"

check_dns64() {
  local node_answer pod_answer
  node_answer=$(docker exec "kube-node-1$suffix" getent ahostsv6 ipv4only.dind.test | awk 'NR==1 {print $1}')
  [ "$node_answer" = "$synthesized" ] || fail "DNS64 from kube-node-1$suffix gave '$node_answer', not $synthesized"
  # Through the cluster DNS (the pod's default resolver), which forwards outside names to the node's: DNS64.
  pod_answer=$(k exec ping-1 -- nslookup -type=AAAA ipv4only.dind.test 2>&1 | awk '/^Address/ && !/#|\]:53/ {print $2}' | tail -n1)
  [ "$pod_answer" = "$synthesized" ] || fail "DNS64 through the cluster DNS from pod ping-1 gave '$pod_answer', not $synthesized"
  [[ "$node_answer" == "$dns64_prefix"* ]] || fail "$node_answer is not in $dns64_prefix/96"
}
log "DNS64: ipv4only.dind.test (A $test_dns_ip only) from a node, and from a pod through the cluster DNS"
check_dns64
log "  ok: AAAA $synthesized"
check_default_dns k ipv4only.dind.test "$synthesized"
log "NAT64: a pod reaches the test DNS's IPv4 address through $synthesized"
k exec ping-1 -- ping -c 2 -W 3 "$synthesized" >/dev/null || fail "ping-1 cannot reach $synthesized through tayga$suffix"
log "  ok"

log "down keeps the support containers; up restores and reuses them"
$DIND down -q
[ "$(count_labelled ps dev.dindcluster.cluster=$label)" = 0 ] || fail "node containers left after down"
[ "$(docker inspect -f '{{.State.Running}}' bind9$suffix tayga$suffix | sort -u)" = true ] || fail "down stopped the support containers"
t0=$SECONDS
$DIND up -q >/dev/null
t_restore=$((SECONDS - t0))
log "restore up: ${t_restore} s"
[ "$(k get nodes --no-headers | awk '$2=="Ready"' | wc -l)" = 3 ] || fail "not 3 Ready nodes after restore"
[ "$(docker inspect -f '{{.Id}}' bind9$suffix)" = "$bind9_id" ] && [ "$(docker inspect -f '{{.Id}}' tayga$suffix)" = "$tayga_id" ] \
  || fail "up replaced the support containers although nothing changed"
node_answer=$(docker exec "kube-node-2$suffix" getent ahostsv6 ipv4only.dind.test | awk 'NR==1 {print $1}')
[ "$node_answer" = "$synthesized" ] || fail "DNS64 from kube-node-2$suffix after restore gave '$node_answer'"

# Kubernetes' own DNS and service conformance specs on this IPv6-only cluster (the IPv4 ones run in
# test/cluster-lifecycle.sh); the partial-names spec needs ip6.arpa PTR answers from the cluster DNS.
FOCUS6='DNS should provide DNS for (services|the cluster)|DNS should resolve DNS of partial qualified names for services|Services should serve a basic endpoint from pods'
log "e2e on IPv6: 4 DNS and service conformance specs"
"$ROOT/scripts/build-e2e-images" >/dev/null
t0=$SECONDS
e2e_code=0
# Only the images these specs use (agnhost, jessie-dnsutils): copying all 13 into 3 nodes took longer than the specs.
$DIND e2e "$FOCUS6" --preload '/e2e/agnhost:|dnsutils' --report-dir "$workdir/e2e-report" >"$workdir/e2e-summary" 2>"$workdir/e2e.err" || e2e_code=$?
head -n1 "$workdir/e2e-summary" | grep -q "^e2e: 4 passed, 0 failed" \
  || { cat "$workdir/e2e-summary" >&2; tail -n 40 "$workdir/e2e-report/e2e.log" >&2 2>/dev/null; fail "IPv6 conformance focus (exit $e2e_code): $(head -n1 "$workdir/e2e-summary")"; }
t_e2e=$((SECONDS - t0))
log "  ok: 4 passed in ${t_e2e} s"

docker rm -f "$test_dns" >/dev/null
t0=$SECONDS
$DIND clean -q
t_clean=$((SECONDS - t0))
for kind in ps volume network; do
  [ "$(count_labelled $kind dev.dindcluster.cluster=$label)" = 0 ] || fail "clean left $kind resources of $label"
done
[ "$(count_labelled ps dev.dindcluster.support=$label)" = 0 ] || fail "clean left the support containers"
"$KUBECTL" config get-contexts -o name | grep -qx "$context" && fail "clean left context $context"
log "timings: bad input ${t_bad} s, support image ${t_image} s, up ${t_up} s, restore ${t_restore} s, e2e ${t_e2e} s, clean ${t_clean} s, total $((SECONDS - t_start)) s"
log "*** OK ***"
