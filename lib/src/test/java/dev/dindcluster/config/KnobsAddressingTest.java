package dev.dindcluster.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.net.ClusterAddressing;
import dev.dindcluster.net.ClusterIdInjection;
import org.junit.jupiter.api.Test;

/** The knob table states the addressing defaults the planner applies, because it is written from the same constants. */
class KnobsAddressingTest {
  @Test
  void addressKnobsStateTheDefaultConstants() {
    assertThat(defaultOf("MGMT_CIDRS"))
        .contains(ClusterAddressing.DEFAULT_MGMT_IPV4, ClusterAddressing.DEFAULT_MGMT_IPV6);
    assertThat(defaultOf("POD_NETWORK_CIDR")).contains(ClusterAddressing.DEFAULT_POD_IPV4,
        ClusterAddressing.DEFAULT_POD_IPV4_CALICO, ClusterAddressing.DEFAULT_POD_IPV6);
    assertThat(defaultOf("SERVICE_CIDR"))
        .contains(ClusterAddressing.DEFAULT_SERVICE_IPV4, ClusterAddressing.DEFAULT_SERVICE_IPV6);
    assertThat(defaultOf("DNS64_PREFIX")).isEqualTo(ClusterAddressing.DEFAULT_DNS64_PREFIX);
    assertThat(defaultOf("DNS64_PREFIX_SIZE")).isEqualTo(Integer.toString(ClusterAddressing.DEFAULT_DNS64_PREFIX_LENGTH));
    assertThat(defaultOf("NAT64_V4_SUBNET_PREFIX")).isEqualTo(ClusterAddressing.DEFAULT_NAT64_V4_SUBNET_PREFIX);
  }

  @Test
  void addressKnobsStateTheRules() {
    assertThat(Knobs.byName("MGMT_CIDRS").orElseThrow().description()).contains(ClusterIdInjection.RULE);
    assertThat(Knobs.byName("SERVICE_CIDR").orElseThrow().description())
        .contains("its address +" + ClusterAddressing.DNS_SERVICE_OFFSET + ".");
  }

  private static String defaultOf(String knob) {
    return Knobs.byName(knob).orElseThrow().defaultDescription();
  }
}
