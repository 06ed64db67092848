package dev.dindcluster.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterAddressingTest {
  private static final List<String> V4 = List.of(ClusterAddressing.DEFAULT_MGMT_IPV4, ClusterAddressing.DEFAULT_POD_IPV4,
      ClusterAddressing.DEFAULT_SERVICE_IPV4);
  private static final List<String> V4_CALICO = List.of(ClusterAddressing.DEFAULT_MGMT_IPV4,
      ClusterAddressing.DEFAULT_POD_IPV4_CALICO, ClusterAddressing.DEFAULT_SERVICE_IPV4);
  private static final List<String> V6 = List.of(ClusterAddressing.DEFAULT_MGMT_IPV6, ClusterAddressing.DEFAULT_POD_IPV6,
      ClusterAddressing.DEFAULT_SERVICE_IPV6);

  @Test
  void defaultsAreNetworksOfTheirFamily() {
    assertNetwork(ClusterAddressing.DEFAULT_POD_IPV4_CALICO, IpFamily.IPV4);
    V4.forEach(c -> assertNetwork(c, IpFamily.IPV4));
    V6.forEach(c -> assertNetwork(c, IpFamily.IPV6));
    assertNetwork(ClusterAddressing.DEFAULT_DNS64_PREFIX + "/" + ClusterAddressing.DEFAULT_DNS64_PREFIX_LENGTH, IpFamily.IPV6);
  }

  @Test
  void defaultNodePodAndServiceRangesAreDisjoint() {
    for (List<String> ranges : List.of(V4, V4_CALICO, V6)) {
      for (int i = 0; i < ranges.size(); i++) {
        for (int j = i + 1; j < ranges.size(); j++) {
          assertThat(Cidr.parse(ranges.get(i)).overlaps(Cidr.parse(ranges.get(j))))
              .as(ranges.get(i) + " vs " + ranges.get(j)).isFalse();
        }
      }
    }
  }

  @Test
  void defaultManagementCidrsTakeTheClusterId() {
    assertThat(ClusterAddressing.defaultManagementCidrs()).isEqualTo(Map.of(
        IpFamily.IPV4, ClusterAddressing.DEFAULT_MGMT_IPV4, IpFamily.IPV6, ClusterAddressing.DEFAULT_MGMT_IPV6));
    ClusterIdInjection.Result v4 = ClusterIdInjection.inject(ClusterAddressing.DEFAULT_MGMT_IPV4, 7);
    ClusterIdInjection.Result v6 = ClusterIdInjection.inject(ClusterAddressing.DEFAULT_MGMT_IPV6, 7);
    assertThat(v4.injected()).isTrue();
    assertThat(v4.cidr()).hasToString("10.192.7.0/24");
    assertThat(v6.injected()).isTrue();
    assertThat(v6.cidr()).hasToString("fd00:20:7::/64");
  }

  @Test
  void defaultPodCidrsLeaveEightBitsForTheNodeId() {
    assertThat(Cidr.parse(ClusterAddressing.DEFAULT_POD_IPV4).prefixLength()).isEqualTo(16);
    assertThat(Cidr.parse(ClusterAddressing.DEFAULT_POD_IPV4_CALICO).prefixLength()).isEqualTo(16);
    assertThat(Cidr.parse(ClusterAddressing.DEFAULT_POD_IPV6).prefixLength()).isLessThanOrEqualTo(PodCidrs.MAX_IPV6_PREFIX);
  }

  @Test
  void serviceDefaultFollowsTheMode() {
    assertThat(ClusterAddressing.defaultServiceCidr(IpMode.IPV4)).isEqualTo(ClusterAddressing.DEFAULT_SERVICE_IPV4);
    assertThat(ClusterAddressing.defaultServiceCidr(IpMode.IPV6)).isEqualTo(ClusterAddressing.DEFAULT_SERVICE_IPV6);
    assertThat(ClusterAddressing.defaultServiceCidr(IpMode.DUAL_STACK)).isEqualTo(ClusterAddressing.DEFAULT_SERVICE_IPV6);
  }

  @Test
  void dnsServiceIpIsTheServiceNetworkPlusTheOffset() {
    assertThat(ClusterAddressing.dnsServiceIp(Cidr.parse(ClusterAddressing.DEFAULT_SERVICE_IPV4))).hasToString("10.96.0.10");
    assertThat(ClusterAddressing.dnsServiceIp(Cidr.parse(ClusterAddressing.DEFAULT_SERVICE_IPV6))).hasToString("fd00:30::a");
    // Added as a number, not appended as text.
    assertThat(ClusterAddressing.dnsServiceIp(Cidr.parse("10.96.0.64/26"))).hasToString("10.96.0.74");
  }

  private static void assertNetwork(String text, IpFamily family) {
    Cidr cidr = Cidr.parse(text);
    assertThat(cidr.family()).as(text).isEqualTo(family);
    assertThat(cidr.hasHostBits()).as(text).isFalse();
  }
}
