package dev.dindcluster.plan;

import static dev.dindcluster.plan.PlanFixtures.plan;
import static dev.dindcluster.plan.PlanFixtures.problems;
import static dev.dindcluster.plan.PlanFixtures.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.net.IpMode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec 4.2-4.6 and 4.8 through the planner: defaults per mode, custom CIDRs, ordering, limits. */
class PlannerNetworkTest {
  @Test
  void ipv4Defaults() {
    ClusterPlan p = plan();
    assertThat(p.ipMode()).isEqualTo(IpMode.IPV4);
    assertThat(strings(p.network().cidrs())).containsExactly("10.192.0.0/24");
    assertThat(strings(p.network().gateways())).containsExactly("10.192.0.1");
    assertThat(p.nodes()).extracting(NodePlan::name).containsExactly("kube-master", "kube-node-1", "kube-node-2");
    assertThat(p.nodes()).extracting(NodePlan::nodeId).containsExactly(1, 2, 3);
    assertThat(p.nodes()).extracting(n -> strings(n.ips())).containsExactly(
        List.of("10.192.0.2"), List.of("10.192.0.3"), List.of("10.192.0.4"));
    assertThat(p.nodes()).extracting(n -> strings(n.podCidrs())).containsExactly(
        List.of("10.244.1.0/24"), List.of("10.244.2.0/24"), List.of("10.244.3.0/24"));
    assertThat(p.nodes()).extracting(NodePlan::volume)
        .containsExactly("kubeadm-dind-kube-master", "kubeadm-dind-kube-node-1", "kubeadm-dind-kube-node-2");
    assertThat(strings(p.podNetworkCidrs())).containsExactly("10.244.0.0/16");
    assertThat(p.serviceCidr()).hasToString("10.96.0.0/12");
    assertThat(p.dnsServiceIp()).hasToString("10.96.0.10");
    assertThat(p.advertiseAddress()).hasToString("10.192.0.2");
    assertThat(p.apiServer().bindAddress()).hasToString("127.0.0.1");
    assertThat(p.apiServer().port()).isZero();
    assertThat(p.image()).isEqualTo("dind-cluster/node:v1.20.2");
    assertThat(p.nat64()).isNull();
    assertThat(p.options().useHairpin()).isFalse();
    assertThat(p.options().allowAaaaUse()).isFalse();
    assertThat(p.warnings()).isEmpty();
  }

  @Test
  void ipv6Defaults() {
    ClusterPlan p = plan("IP_MODE=ipv6");
    assertThat(strings(p.network().cidrs())).containsExactly("fd00:20::/64");
    assertThat(strings(p.network().gateways())).containsExactly("fd00:20::1");
    assertThat(p.nodes()).extracting(n -> strings(n.ips())).containsExactly(
        List.of("fd00:20::2"), List.of("fd00:20::3"), List.of("fd00:20::4"));
    assertThat(p.nodes()).extracting(n -> strings(n.podCidrs())).containsExactly(
        List.of("fd00:40:0:0:1::/80"), List.of("fd00:40:0:0:2::/80"), List.of("fd00:40:0:0:3::/80"));
    assertThat(p.serviceCidr()).hasToString("fd00:30::/110");
    assertThat(p.dnsServiceIp()).hasToString("fd00:30::a");
    assertThat(p.advertiseAddress()).hasToString("fd00:20::2");
    assertThat(p.apiServer().bindAddress()).hasToString("::1");
    assertThat(p.options().useHairpin()).isTrue();
    Nat64Plan n = p.nat64();
    assertThat(n.v4Prefix()).isEqualTo("172.18");
    assertThat(n.serverIp()).hasToString("fd00:20::200");
    assertThat(n.dnsServerIp()).hasToString("fd00:20::100");
    assertThat(n.dns64PrefixCidr()).hasToString("fd00:10:64:ff9b::/96");
    assertThat(n.v4Subnet()).hasToString("172.18.0.0/16");
    assertThat(n.v4Address()).hasToString("172.18.0.200");
    assertThat(n.v4DynamicPool()).hasToString("172.18.0.128/25");
    assertThat(n.dns64ContainerName()).isEqualTo("bind9");
    assertThat(n.nat64ContainerName()).isEqualTo("tayga");
  }

  @Test
  void dualStackDefaultsKeepIpv4FirstAndAdvertiseV6ForAV6ServiceNet() {
    ClusterPlan p = plan("IP_MODE=dual-stack");
    assertThat(strings(p.network().cidrs())).containsExactly("10.192.0.0/24", "fd00:20::/64");
    assertThat(strings(p.network().gateways())).containsExactly("10.192.0.1", "fd00:20::1");
    assertThat(strings(p.master().ips())).containsExactly("10.192.0.2", "fd00:20::2");
    assertThat(strings(p.workers().get(1).ips())).containsExactly("10.192.0.4", "fd00:20::4");
    assertThat(strings(p.master().podCidrs())).containsExactly("10.244.1.0/24", "fd00:40:0:0:1::/80");
    assertThat(strings(p.podNetworkCidrs())).containsExactly("10.244.0.0/16", "fd00:40::/72");
    assertThat(p.serviceCidr()).hasToString("fd00:30::/110");
    assertThat(p.advertiseAddress()).hasToString("fd00:20::2");
    assertThat(p.apiServer().bindAddress()).hasToString("::1");
    assertThat(p.options().allowAaaaUse()).isTrue();
    assertThat(p.nat64()).isNull();
  }

  @Test
  void dualStackWithAnIpv4ServiceNetAdvertisesTheV4Address() {
    ClusterPlan p = plan("IP_MODE=dual-stack", "SERVICE_CIDR=10.96.0.0/12");
    assertThat(p.advertiseAddress()).hasToString("10.192.0.2");
    assertThat(p.apiServer().bindAddress()).hasToString("127.0.0.1");
    assertThat(p.dnsServiceIp()).hasToString("10.96.0.10");
  }

  /** MGMT_CIDRS lists per mode (4.2) incl. reordering, with the cluster id applied. */
  @ParameterizedTest(name = "{0} {1} CLUSTER_ID={2} -> {3}")
  @CsvSource(delimiter = ';', value = {
    "ipv4; 10.200.7.0/24; 0; 10.200.0.0/24",
    "ipv4; 10.200.0.0/24; 5; 10.200.5.0/24",
    "ipv4; 10.200.0.0/16; 5; 10.200.0.0/16",
    "ipv4; 10.200.0.16/28; 0; 10.200.0.16/28",
    "ipv6; fd00:20::/64; 10; fd00:20:10::/64",
    "ipv6; fd00:77:20::/64; 9; fd00:77:20:9::/64",
    "ipv6; fd00:20::1:0/112; 0; fd00:20::1:0/112",
    "dual-stack; fd00:99::/64; 0; 10.192.0.0/24 fd00:99::/64",
    "dual-stack; 10.50.0.0/24; 0; 10.50.0.0/24 fd00:20::/64",
    "dual-stack; fd00:99::/64, 10.50.0.0/24; 0; 10.50.0.0/24 fd00:99::/64",
    "dual-stack; fd00:99::/64 10.50.0.0/24; 0; 10.50.0.0/24 fd00:99::/64",
  })
  void managementCidrs(String mode, String cidrs, String id, String expected) {
    ClusterPlan p = plan("IP_MODE=" + mode, "MGMT_CIDRS=" + cidrs, "CLUSTER_ID=" + id, "NUM_NODES=1");
    assertThat(strings(p.network().cidrs())).isEqualTo(Arrays.asList(expected.split(" ")));
  }

  @Test
  void legacySubnetIsUsedOnlyWithBothPartsAndNoMgmtCidrs() {
    assertThat(plan("DIND_SUBNET=10.50.0.0", "DIND_SUBNET_SIZE=24").network().cidrs()).hasToString("[10.50.0.0/24]");
    assertThat(plan("DIND_SUBNET=10.50.0.0").network().cidrs()).hasToString("[10.192.0.0/24]");
    // config.sh's DIND_SUBNET=fd00:10:: without a size changes nothing
    assertThat(plan("IP_MODE=ipv6", "DIND_SUBNET=fd00:10::").network().cidrs()).hasToString("[fd00:20::/64]");
    assertThat(plan("MGMT_CIDRS=10.60.0.0/24", "DIND_SUBNET=10.50.0.0", "DIND_SUBNET_SIZE=24").network().cidrs())
        .hasToString("[10.60.0.0/24]");
    assertThat(problems("DIND_SUBNET=10.50.0.0", "DIND_SUBNET_SIZE=40"))
        .singleElement().satisfies(pr -> assertThat(pr.knob()).isEqualTo("DIND_SUBNET/DIND_SUBNET_SIZE"));
  }

  /** 4.3/4.4 by arithmetic where the original spliced text (oracle #26-#28). */
  @Test
  void nonSlash24NetworkAndSlash26ServiceAreComputed() {
    ClusterPlan p = plan("MGMT_CIDRS=10.200.0.16/28", "SERVICE_CIDR=10.96.0.64/26", "CLUSTER_ID=3");
    assertThat(strings(p.network().gateways())).containsExactly("10.200.0.17");
    assertThat(strings(p.master().ips())).containsExactly("10.200.0.18");
    assertThat(strings(p.workers().get(1).ips())).containsExactly("10.200.0.20");
    assertThat(p.dnsServiceIp()).hasToString("10.96.0.74");
    assertThat(p.warnings()).anySatisfy(w -> assertThat(w).contains("10.200.0.16/28").contains("collide"));
  }

  @Test
  void ipv6ServiceNetOffTheHextetBoundary() {
    ClusterPlan p = plan("IP_MODE=ipv6", "SERVICE_CIDR=fd00:30::100/120");
    assertThat(p.dnsServiceIp()).hasToString("fd00:30::10a");
  }

  @Test
  void customPodCidrsAndCalicoDefault() {
    assertThat(strings(plan("CNI_PLUGIN=calico").podNetworkCidrs())).containsExactly("192.168.0.0/16");
    assertThat(strings(plan("CNI_PLUGIN=calico-kdd").master().podCidrs())).containsExactly("192.168.1.0/24");
    assertThat(strings(plan("CNI_PLUGIN=flannel").podNetworkCidrs())).containsExactly("10.244.0.0/16");
    ClusterPlan p = plan("IP_MODE=ipv6", "POD_NETWORK_CIDR=fd00:10:20:30:4000::/72", "NUM_NODES=1");
    assertThat(p.nodes()).extracting(n -> strings(n.podCidrs()))
        .containsExactly(List.of("fd00:10:20:30:4001::/80"), List.of("fd00:10:20:30:4002::/80"));
    ClusterPlan ptp = plan("IP_MODE=ipv6", "CNI_PLUGIN=ptp", "POD_NETWORK_CIDR=fd00:40::/80");
    assertThat(strings(ptp.master().podCidrs())).containsExactly("fd00:40::100:0:0/88");
    ClusterPlan dual = plan("IP_MODE=dual-stack", "POD_NETWORK_CIDR=fd00:10:20:30:00::/64, 10.100.0.0/16");
    assertThat(strings(dual.podNetworkCidrs())).containsExactly("10.100.0.0/16", "fd00:10:20:30::/64");
    assertThat(strings(dual.workers().get(0).podCidrs())).containsExactly("10.100.2.0/24", "fd00:10:20:30:200::/72");
  }

  @Test
  void podCidrsIgnoreTheClusterId() {
    assertThat(strings(plan("CLUSTER_ID=20").master().podCidrs())).containsExactly("10.244.1.0/24");
    assertThat(strings(plan("IP_MODE=ipv6", "CLUSTER_ID=5").master().podCidrs())).containsExactly("fd00:40:0:0:1::/80");
  }

  @Test
  void numNodesShapesTheNodeList() {
    ClusterPlan zero = plan("NUM_NODES=0");
    assertThat(zero.nodes()).extracting(NodePlan::name).containsExactly("kube-master");
    assertThat(zero.master().role()).isEqualTo(NodePlan.Role.MASTER);
    ClusterPlan five = plan("NUM_NODES=5", "CLUSTER_ID=20");
    assertThat(five.workers()).hasSize(5);
    assertThat(five.workers().get(4).name()).isEqualTo("kube-node-5-cluster-20");
    assertThat(strings(five.workers().get(4).ips())).containsExactly("10.192.20.7");
    assertThat(strings(five.workers().get(4).podCidrs())).containsExactly("10.244.6.0/24");
    assertThat(plan("NUM_NODES=252").workers().get(251).ips()).hasToString("[10.192.0.254]");
    assertThat(plan("IP_MODE=ipv6", "NUM_NODES=253").workers().get(252).ips()).hasToString("[fd00:20::ff]");
  }

  @Test
  void apiServerPortIsTaken() {
    assertThat(plan("APISERVER_PORT=8083").apiServer().port()).isEqualTo(8083);
    assertThat(plan("APISERVER_PORT=8083").apiServer().portGiven()).isTrue();
    assertThat(plan("APISERVER_PORT=").apiServer().port()).isZero();
  }

  @Test
  void dindImageOverridesThePinnedImage() {
    assertThat(plan("DIND_IMAGE=my/node:dev").image()).isEqualTo("my/node:dev");
    assertThat(plan("DIND_IMAGE=").image()).isEqualTo("dind-cluster/node:v1.20.2");
  }
}
