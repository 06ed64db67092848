package dev.dindcluster.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec 4.2 step 3 with its oracle cases (#11, #12, #29). */
class ClusterIdInjectionTest {
  @ParameterizedTest(name = "{0} + id {1} -> {2} (injected {3})")
  @CsvSource({
    "10.192.0.0/24, 0, 10.192.0.0/24, true",
    "10.192.0.0/24, 20, 10.192.20.0/24, true",
    "10.200.7.0/24, 0, 10.200.0.0/24, true", // the user's third octet is lost, as in the original
    "10.200.7.0/24, 5, 10.200.5.0/24, true",
    "10.200.0.0/16, 5, 10.200.0.0/16, false", // non-/24 untouched
    "10.200.0.16/28, 3, 10.200.0.16/28, false",
    "fd00:20::/64, 0, fd00:20::/64, true", // fd00:20:0::/64
    "fd00:20::/64, 10, fd00:20:10::/64, true", // decimal text read as hex
    "fd00:20::/64, 254, fd00:20:254::/64, true",
    "fd00:77:20::/64, 9, fd00:77:20:9::/64, true",
    "fd00:20::1:0/112, 9, fd00:20::1:0/112, false", // not X::/n: untouched
    "fd00:20:0:0:0:0:0:0/64, 9, fd00:20::/64, false",
  })
  void injects(String cidr, int id, String expected, boolean injected) {
    ClusterIdInjection.Result result = ClusterIdInjection.inject(cidr, id);
    assertThat(result.cidr()).hasToString(expected);
    assertThat(result.injected()).isEqualTo(injected);
  }
}
