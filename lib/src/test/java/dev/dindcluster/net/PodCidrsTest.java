package dev.dindcluster.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec 4.5: every example (master = node id 1, kube-node-N = N+1). */
class PodCidrsTest {
  @ParameterizedTest(name = "{0} node id {1} -> {2}")
  @CsvSource({
    "10.244.0.0/16, 1, 10.244.1.0/24",
    "10.244.0.0/16, 2, 10.244.2.0/24",
    "10.244.0.0/16, 3, 10.244.3.0/24",
    "192.168.0.0/16, 1, 192.168.1.0/24",
    "fd00:40::/72, 1, fd00:40:0:0:1::/80",
    "fd00:40::/72, 2, fd00:40:0:0:2::/80",
    "fd00:10:20:30::/64, 1, fd00:10:20:30:100::/72",
    "fd00:10:20:30::/64, 2, fd00:10:20:30:200::/72",
    "fd00:10:20:30:4000::/72, 1, fd00:10:20:30:4001::/80",
    "fd00:10:20:1200::/56, 1, fd00:10:20:1201::/64",
    "fd00:40::/80, 1, fd00:40::100:0:0/88",
    // the original rejected this valid trimmed form ("still too large for /64")
    "fd00:10:20:30:00::/64, 1, fd00:10:20:30:100::/72",
    "fd00:10::/56, 1, fd00:10:0:1::/64",
    "fd00:40::/72, 255, fd00:40:0:0:ff::/80",
    "fd00::/120, 3, fd00::3/128",
  })
  void perNode(String cluster, int nodeId, String expected) {
    Cidr node = PodCidrs.forNode(Cidr.parse(cluster), nodeId);
    assertThat(node).hasToString(expected);
    assertThat(Cidr.parse(cluster).contains(node.address())).isTrue();
  }

  @Test
  void ipv4MustBeSlash16WithTheOriginalsMessage() {
    assertThatThrownBy(() -> PodCidrs.forNode(Cidr.parse("10.244.0.0/20"), 1))
        .hasMessage("For IPv4 CIDRs, the size must be /16. Have '10.244.0.0/20'");
  }

  @Test
  void nodeIdsAndPrefixLengthsAreBounded() {
    assertThatThrownBy(() -> PodCidrs.forNode(Cidr.parse("fd00:40::/72"), 256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PodCidrs.forNode(Cidr.parse("fd00::/121"), 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
