package dev.dindcluster.plan;

import static dev.dindcluster.plan.PlanFixtures.plan;
import static dev.dindcluster.plan.PlanFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec 4.7: the NAT64 prefix, compared as numbers (the original compared "10.x" as strings). */
class Nat64Test {
  @ParameterizedTest(name = "{0} + CLUSTER_ID {1} -> {2}")
  @CsvSource({
    "172.18, 0, 172.18",
    "172.18, 13, 172.31",
    "172.16, 0, 172.16",
    "172.18, 5, 172.23",
    // the original rejected these because "3" > "253" as strings
    "10.3, 0, 10.3",
    "10.26, 0, 10.26",
    "10.30, 0, 10.30",
    "10.9, 0, 10.9",
    "10.100, 0, 10.100",
    "10.253, 0, 10.253",
    "10.0, 0, 10.0",
    "10.240, 13, 10.253",
  })
  void accepted(String prefix, String id, String expected) {
    ClusterPlan p = plan("IP_MODE=ipv6", "NAT64_V4_SUBNET_PREFIX=" + prefix, "CLUSTER_ID=" + id);
    assertThat(p.nat64().v4Prefix()).isEqualTo(expected);
    assertThat(p.nat64().v4Subnet()).hasToString(expected + ".0.0/16");
    assertThat(p.nat64().v4Address()).hasToString(expected + ".0.200");
  }

  @ParameterizedTest(name = "{0} + CLUSTER_ID {1} is rejected: {2}")
  @CsvSource(delimiter = ';', value = {
    "172.18; 14; outside of range for 172.16.0.0/12 private net",
    "172.15; 0; outside of range for 172.16.0.0/12 private net",
    "172.32; 0; outside of range for 172.16.0.0/12 private net",
    "10.254; 0; too large for 10.0.0.0/8 private net",
    "10.250; 5; too large for 10.0.0.0/8 private net",
    "192.168; 0; not in 10.0.0.0/8 or 172.16.0.0/12 private networks",
    "172; 0; must be two octets (have '172')",
    "172.18.0; 0; must be two octets (have '172.18.0')",
    "172.x; 0; two decimal octets",
    "172.018; 0; two decimal octets",
  })
  void rejected(String prefix, String id, String message) {
    assertThat(problems("IP_MODE=ipv6", "NAT64_V4_SUBNET_PREFIX=" + prefix, "CLUSTER_ID=" + id))
        .singleElement().satisfies(p -> {
          assertThat(p.knob()).isEqualTo("NAT64_V4_SUBNET_PREFIX");
          assertThat(p.value()).isEqualTo(prefix);
          assertThat(p.allowed()).contains(message);
        });
  }

  @Test
  void clusterSpecificAddressesAndNames() {
    ClusterPlan p = plan("IP_MODE=ipv6", "CLUSTER_ID=10");
    assertThat(p.network().cidrs()).hasToString("[fd00:20:10::/64]");
    assertThat(p.nat64().v4Prefix()).isEqualTo("172.28");
    assertThat(p.nat64().serverIp()).hasToString("fd00:20:10::200");
    assertThat(p.nat64().dnsServerIp()).hasToString("fd00:20:10::100");
    assertThat(p.nat64().dns64ContainerName()).isEqualTo("bind9-cluster-10");
    assertThat(p.nat64().nat64ContainerName()).isEqualTo("tayga-cluster-10");
    assertThat(p.nat64().supportLabel()).isEqualTo("dind-support-cluster-10");
  }

  @Test
  void randomIdOfALabelMovesTheNat64Prefix() {
    assertThat(plan("IP_MODE=ipv6", "DIND_LABEL=third").nat64().v4Prefix()).isEqualTo("172.25");
  }

  @Test
  void nat64KnobsAreIgnoredOutsideIpv6Mode() {
    assertThat(plan("NAT64_V4_SUBNET_PREFIX=1.2.3").nat64()).isNull();
    assertThat(plan("IP_MODE=dual-stack", "DNS64_PREFIX_SIZE=7").nat64()).isNull();
  }

  @Test
  void dns64Prefix() {
    assertThat(plan("IP_MODE=ipv6", "DNS64_PREFIX=64:ff9b::", "DNS64_PREFIX_SIZE=96").nat64().dns64PrefixCidr())
        .hasToString("64:ff9b::/96");
    assertThat(problems("IP_MODE=ipv6", "DNS64_PREFIX_SIZE=80")).extracting(p -> p.knob()).containsExactly("DNS64_PREFIX_SIZE");
    assertThat(problems("IP_MODE=ipv6", "DNS64_PREFIX=10.0.0.0")).extracting(p -> p.knob()).containsExactly("DNS64_PREFIX");
    assertThat(problems("IP_MODE=ipv6", "DNS64_PREFIX=fd00:10:64:ff9b::1")).extracting(p -> p.knob()).containsExactly("DNS64_PREFIX");
    assertThat(problems("IP_MODE=ipv6", "REMOTE_DNS64_V4SERVER=dns.google")).extracting(p -> p.knob())
        .containsExactly("REMOTE_DNS64_V4SERVER");
  }
}
