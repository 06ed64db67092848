package dev.dindcluster.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec 4.2 step 2: splitting, counts per mode, family checks, dual-stack order. */
class CidrListsTest {
  private static final Map<IpFamily, String> DEFAULTS = Map.of(IpFamily.IPV4, "D4", IpFamily.IPV6, "D6:");

  @Test
  void splitsOnCommasAndSpaces() {
    assertThat(CidrLists.split("10.1.0.0/24, fd00::/64")).containsExactly("10.1.0.0/24", "fd00::/64");
    assertThat(CidrLists.split(" a,b  c,,d ")).containsExactly("a", "b", "c", "d");
    assertThat(CidrLists.split(null)).isEmpty();
  }

  @ParameterizedTest(name = "{0} [{1}] -> {2}")
  @CsvSource(delimiter = ';', value = {
    "ipv4; ; D4",
    "ipv4; 10.1.0.0/24; 10.1.0.0/24",
    "ipv6; ; D6:",
    "ipv6; fd00:1::/64; fd00:1::/64",
    "dual-stack; ; D4 D6:",
    "dual-stack; fd00:1::/64; D4 fd00:1::/64",
    "dual-stack; 10.1.0.0/24; 10.1.0.0/24 D6:",
    "dual-stack; fd00:1::/64 10.1.0.0/24; 10.1.0.0/24 fd00:1::/64",
    "dual-stack; 10.1.0.0/24,fd00:1::/64; 10.1.0.0/24 fd00:1::/64",
  })
  void arranges(String mode, String list, String expected) {
    List<String> result = CidrLists.arrange(CidrLists.split(list), IpMode.fromKnob(mode).orElseThrow(), DEFAULTS);
    assertThat(String.join(" ", result)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} [{1}] is rejected")
  @CsvSource(delimiter = ';', value = {
    "ipv4; 10.1.0.0/24 10.2.0.0/24",
    "ipv4; fd00:1::/64",
    "ipv6; 10.1.0.0/24",
    "ipv6; fd00:1::/64, fd00:2::/64",
    "dual-stack; 10.1.0.0/24 10.2.0.0/24",
    "dual-stack; fd00:1::/64 fd00:2::/64",
    "dual-stack; 10.1.0.0/24 fd00:1::/64 fd00:2::/64",
  })
  void rejects(String mode, String list) {
    assertThatThrownBy(() -> CidrLists.arrange(CidrLists.split(list), IpMode.fromKnob(mode).orElseThrow(), DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
