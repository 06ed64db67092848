package dev.dindcluster.plan;

import static dev.dindcluster.plan.PlanFixtures.plan;
import static dev.dindcluster.plan.PlanFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.config.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec 4.9 and the issue: every invalid input rejected up front, naming knob, value, what is allowed. */
class PlannerValidationTest {
  @ParameterizedTest(name = "{0} -> problem on {1} ({2})")
  @CsvSource(delimiter = '|', value = {
    "IP_MODE=ipv5 | IP_MODE | ipv4, ipv6 or dual-stack",
    "IP_MODE=IPv4 | IP_MODE | ipv4, ipv6 or dual-stack",
    "MGMT_CIDRS=fd00:20::/64 | MGMT_CIDRS | IPv4 CIDR in ipv4 mode",
    "MGMT_CIDRS=10.1.0.0/24,10.2.0.0/24 | MGMT_CIDRS | single IPv4 CIDR",
    "MGMT_CIDRS=10.1.0.0/33 | MGMT_CIDRS | must be a CIDR",
    "MGMT_CIDRS=banana | MGMT_CIDRS | must be a CIDR",
    "MGMT_CIDRS=10.200.0.17/28 | MGMT_CIDRS | did you mean 10.200.0.16/28?",
    "MGMT_CIDRS=10.200.0.0/31 | MGMT_CIDRS | too small",
    "POD_NETWORK_CIDR=10.244.0.0/20 | POD_NETWORK_CIDR | For IPv4 CIDRs, the size must be /16. Have '10.244.0.0/20'",
    "POD_NETWORK_CIDR=10.244.5.0/16 | POD_NETWORK_CIDR | did you mean 10.244.0.0/16?",
    "POD_NETWORK_CIDR=fd00:40::/72 | POD_NETWORK_CIDR | IPv4 CIDR in ipv4 mode",
    "SERVICE_CIDR=10.96.0.0/12,10.97.0.0/16 | SERVICE_CIDR | single CIDR",
    "SERVICE_CIDR=fd00:30::/110 | SERVICE_CIDR | IPv4 CIDR in ipv4 mode",
    "SERVICE_CIDR=10.96.0.1/12 | SERVICE_CIDR | did you mean 10.96.0.0/12?",
    "SERVICE_CIDR=10.96.0.0/29 | SERVICE_CIDR | too small",
    "NUM_NODES=-1 | NUM_NODES | 0..254",
    "NUM_NODES=two | NUM_NODES | 0..254",
    "NUM_NODES=255 | NUM_NODES | 0..254",
    "NUM_NODES=253 | NUM_NODES | at most 252",
    "CNI_PLUGIN=cilium | CNI_PLUGIN | bridge, ptp, flannel, calico, calico-kdd, weave, kube-router",
    "APISERVER_PORT=65536 | APISERVER_PORT | 0..65535",
    "APISERVER_PORT=http | APISERVER_PORT | 0..65535",
    "DIND_CRI=cri-o | DIND_CRI | Please specify 'docker' or 'containerd'",
    "USE_HAIRPIN=yes | USE_HAIRPIN | true or false",
    "DNS_SERVICE=bind | DNS_SERVICE | coredns or kube-dns",
    "FEATURE_GATES=Foo | FEATURE_GATES | Name=true|false",
    "EXTRA_PORTS=8080:80;oops | EXTRA_PORTS | 'oops' is not a docker -p spec",
    "EXTRA_PORTS=99999:80 | EXTRA_PORTS | host port '99999' is not in 1..65535",
    "EXTRA_PORTS=8080:0 | EXTRA_PORTS | container port '0' is not in 1..65535",
    "EXTRA_PORTS=80-70:80 | EXTRA_PORTS | port ranges (80-70) are not supported",
    "EXTRA_PORTS=8080:80/icmp | EXTRA_PORTS | protocol 'icmp' is not one of tcp, udp, sctp",
    "EXTRA_PORTS=300.1.1.1:8080:80 | EXTRA_PORTS | '300.1.1.1' is not an IP address",
    "SERVICE_CIDR=0.0.0.0/0 | SERVICE_CIDR | at most 20 host bits (/12 for IPv4)",
    "SERVICE_CIDR=10.0.0.0/8 | SERVICE_CIDR | at most 20 host bits",
    "SERVICE_CIDR=10.244.0.0/16 | SERVICE_CIDR | must not overlap POD_NETWORK_CIDR 10.244.0.0/16",
    "POD_NETWORK_CIDR=10.192.0.0/16 | POD_NETWORK_CIDR | must not overlap MGMT_CIDRS 10.192.0.0/24",
    "DIND_CUSTOM_NETWORKS=a,b/c | DIND_CUSTOM_NETWORKS | 'b/c' is not a Docker network name",
    "BUILD_KUBEADM=y | BUILD_KUBEADM | not supported",
    "DIND_K8S_BIN_DIR=/tmp | DIND_K8S_BIN_DIR | not supported",
    "MASTER_EXTRA_OPTS=--memory=1g | MASTER_EXTRA_OPTS | not supported",
    "KUBEADM_SOURCE=gs://bucket/kubeadm | KUBEADM_SOURCE | not supported",
  })
  void rejectsWithAClearProblem(String assignment, String knob, String allowedFragment) {
    List<Problem> problems = problems(assignment);
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.knob()).isEqualTo(knob);
      assertThat(p.allowed()).contains(allowedFragment);
      assertThat(p.message()).contains(knob);
    });
  }

  @ParameterizedTest(name = "{0} / {1} -> problem on {2}")
  @CsvSource(delimiter = '|', value = {
    "IP_MODE=ipv6 | POD_NETWORK_CIDR=fd00:40::/121 | POD_NETWORK_CIDR",
    "IP_MODE=ipv6 | POD_NETWORK_CIDR=fd00:10:20:30:40::/64 | POD_NETWORK_CIDR",
    "IP_MODE=ipv6 | CNI_PLUGIN=flannel | CNI_PLUGIN",
    "IP_MODE=ipv6 | CNI_PLUGIN=calico | CNI_PLUGIN",
    "IP_MODE=ipv6 | MGMT_CIDRS=fd00:20::/120 | MGMT_CIDRS",
    "IP_MODE=ipv6 | MGMT_CIDRS=fd00:20::1/64 | MGMT_CIDRS",
    "IP_MODE=ipv6 | NUM_NODES=254 | NUM_NODES",
    "IP_MODE=ipv6 | SERVICE_CIDR=10.96.0.0/12 | SERVICE_CIDR",
    "IP_MODE=ipv6 | MGMT_CIDRS=fd00:1:2:3:4::/64 | MGMT_CIDRS",
    "MGMT_CIDRS=10.200.0.0/30 | NUM_NODES=1 | NUM_NODES",
    "IP_MODE=ipv6 | CLUSTER_ID=14 | NAT64_V4_SUBNET_PREFIX",
    "IP_MODE=ipv6 | NAT64_V4_SUBNET_PREFIX=8.8 | NAT64_V4_SUBNET_PREFIX",
    "IP_MODE=ipv6 | REMOTE_DNS64_V4SERVER=fd00::53 | REMOTE_DNS64_V4SERVER",
    "IP_MODE=ipv6 | REMOTE_DNS64_V4SERVER=0.0.0.0 | REMOTE_DNS64_V4SERVER",
    "IP_MODE=ipv6 | REMOTE_DNS64_V4SERVER=255.255.255.255 | REMOTE_DNS64_V4SERVER",
    "IP_MODE=ipv6 | DNS64_PREFIX=::ffff:0:0 | DNS64_PREFIX",
    "IP_MODE=ipv6 | DNS64_PREFIX=ff02:: | DNS64_PREFIX",
    "IP_MODE=ipv6 | SERVICE_CIDR=fd00:30::/64 | SERVICE_CIDR",
    "IP_MODE=ipv6 | DNS64_PREFIX_SIZE=80 | DNS64_PREFIX_SIZE",
    "IP_MODE=ipv6 | MGMT_CIDRS=10.192.0.0/24 | MGMT_CIDRS",
    "IP_MODE=dual-stack | POD_NETWORK_CIDR=10.244.0.0/16, fd00:40::/72, fd00:41::/72 | POD_NETWORK_CIDR",
    "IP_MODE=dual-stack | MGMT_CIDRS=10.1.0.0/24 10.2.0.0/24 | MGMT_CIDRS",
    "IP_MODE=dual-stack | MGMT_CIDRS=fd00:1::/64, fd00:2::/64 | MGMT_CIDRS",
    "IP_MODE=dual-stack | POD_NETWORK_CIDR=10.1.0.0/16 10.2.0.0/16 10.3.0.0/16 | POD_NETWORK_CIDR",
    "IP_MODE=dual-stack | GCE_HOSTED=y | GCE_HOSTED",
    "IP_MODE=dual-stack | CNI_PLUGIN=weave | CNI_PLUGIN",
    "MGMT_CIDRS=10.200.0.16/28 | NUM_NODES=13 | NUM_NODES",
  })
  void rejectsCombinations(String first, String second, String knob) {
    assertThat(problems(first, second)).extracting(Problem::knob).containsExactly(knob);
  }

  @Test
  void ipv6ClusterIdOutsideThePrefixIsRejectedButIdZeroIsFine() {
    assertThat(problems("IP_MODE=ipv6", "MGMT_CIDRS=fd00:1:2:3::/64", "CLUSTER_ID=5"))
        .extracting(Problem::knob).contains("MGMT_CIDRS");
    assertThat(problems("IP_MODE=ipv6", "MGMT_CIDRS=fd00:1:2::/48", "CLUSTER_ID=5"))
        .singleElement().satisfies(p -> assertThat(p.allowed()).contains("outside the /48"));
    assertThat(plan("IP_MODE=ipv6", "MGMT_CIDRS=fd00:1:2::/48", "CLUSTER_ID=0").network().cidrs())
        .hasToString("[fd00:1:2::/48]");
  }

  @Test
  void gceWithAaaaInIpv6ModeIsRejectedAndAaaaInIpv4ModeWarns() {
    assertThat(problems("IP_MODE=ipv6", "DIND_ALLOW_AAAA_USE=true", "GCE_HOSTED=true"))
        .extracting(Problem::knob).containsExactly("GCE_HOSTED");
    assertThat(plan("IP_MODE=ipv6", "GCE_HOSTED=true").options().allowAaaaUse()).isFalse();
    ClusterPlan v4 = plan("DIND_ALLOW_AAAA_USE=true");
    assertThat(v4.options().allowAaaaUse()).isFalse();
    assertThat(v4.warnings()).containsExactly("The DIND_ALLOW_AAAA_USE option is for IPv6 mode - ignoring setting.");
  }

  @Test
  void dualStackBefore116IsRejectedNamingTheVersion() {
    var release = new dev.dindcluster.config.FixedRelease("dind-cluster-v1.10", "v1.10.5", "dind-cluster/node:v1.10.5");
    assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(dev.dindcluster.config.InvalidConfigException.class,
        () -> Planner.plan(java.util.Map.of("IP_MODE", "dual-stack"), release, () -> 1)))
        .hasMessageContaining("IP_MODE").hasMessageContaining("v1.10.5 has no dual-stack");
    assertThat(Planner.plan(java.util.Map.of("IP_MODE", "ipv6"), release, () -> 1).ipMode()).isEqualTo(dev.dindcluster.net.IpMode.IPV6);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    List<Problem> problems = problems("CLUSTER_ID=abc", "DIND_LABEL=a b", "NUM_NODES=x", "CNI_PLUGIN=nope",
        "APISERVER_PORT=99999", "DIND_CRI=rkt", "SERVICE_CIDR=1.2.3.4/40", "POD_NETWORK_CIDR=10.0.0.0/8",
        "USE_HAIRPIN=maybe", "ENABLE_CEPH=y");
    assertThat(problems).extracting(Problem::knob).containsExactlyInAnyOrder("CLUSTER_ID", "DIND_LABEL", "NUM_NODES",
        "CNI_PLUGIN", "APISERVER_PORT", "DIND_CRI", "SERVICE_CIDR", "POD_NETWORK_CIDR", "USE_HAIRPIN", "ENABLE_CEPH");
  }

  @Test
  void anUnknownModeStillReportsTheOtherProblems() {
    assertThat(problems("IP_MODE=ipv7", "NUM_NODES=x", "DIND_CRI=rkt"))
        .extracting(Problem::knob).containsExactlyInAnyOrder("IP_MODE", "NUM_NODES", "DIND_CRI");
  }

  @Test
  void ignoredKnobsWarnAndKeepKeepSourcesAccepted() {
    ClusterPlan p = plan("DIND_SKIP_PULL=y", "CALICO_VERSION=v3.9", "KUBEADM_SOURCE=keep://", "DIND_K8S_VERSION=");
    assertThat(p.warnings()).hasSize(2)
        .anySatisfy(w -> assertThat(w).startsWith("DIND_SKIP_PULL='y' is ignored: "))
        .anySatisfy(w -> assertThat(w).startsWith("CALICO_VERSION='v3.9' is ignored: "));
  }

  @Test
  void otherKnobsReachTheOptions() {
    ClusterPlan p = plan("APISERVER_admission_control=AlwaysAdmit", "APISERVER_PORT=8090",
        "CONTROLLER_MANAGER_node_cidr_mask_size=24", "SCHEDULER_v=4", "APISERVER_Bad=x",
        "FEATURE_GATES=A=true,B=false", "KUBELET_FEATURE_GATES=none", "DIND_CRI=containerd", "DNS_SERVICE=kube-dns",
        "EXTRA_PORTS=8080:80; 127.0.0.1:9000:90/udp", "DIND_CUSTOM_NETWORKS=net1, net2", "SKIP_SNAPSHOT=y",
        "DIND_PORT_FORWARDER=/usr/local/bin/fwd", "E2E_REPORT_DIR=/tmp/r", "IP_MODE=ipv4", "USE_HAIRPIN=true");
    ClusterOptions o = p.options();
    assertThat(o.apiserverExtraArgs()).containsExactly(java.util.Map.entry("admission-control", "AlwaysAdmit"));
    assertThat(o.controllerManagerExtraArgs()).containsEntry("node-cidr-mask-size", "24");
    assertThat(o.schedulerExtraArgs()).containsEntry("v", "4");
    assertThat(o.featureGates()).isEqualTo("A=true,B=false");
    assertThat(o.kubeletFeatureGates()).isNull();
    assertThat(o.criSocket()).isEqualTo("/var/run/containerd/containerd.sock");
    assertThat(o.dnsService()).isEqualTo("coredns");
    assertThat(p.warnings()).anySatisfy(w -> assertThat(w).contains("only coredns"));
    assertThat(o.extraPorts()).containsExactly("8080:80", "127.0.0.1:9000:90/udp");
    assertThat(o.customNetworks()).containsExactly("net1", "net2");
    assertThat(o.skipSnapshot()).isTrue();
    assertThat(o.portForwarder()).isEqualTo("/usr/local/bin/fwd");
    assertThat(o.e2eReportDir()).isEqualTo("/tmp/r");
    assertThat(o.useHairpin()).isTrue();
    ClusterPlan defaults = plan();
    assertThat(defaults.options().featureGates()).isNull();
    assertThat(defaults.options().kubeletFeatureGates()).isNull();
    assertThat(defaults.options().criSocket()).isEqualTo("/var/run/dockershim.sock");
    assertThat(defaults.options().dnsService()).isEqualTo("coredns");
    assertThat(defaults.options().storageDriver()).isEqualTo("overlay2");
  }
}
