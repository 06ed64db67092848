package dev.dindcluster.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {
  /** Spec 4.3/4.4 by arithmetic, including the cases the original built wrongly as text. */
  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource({
    "10.192.0.0/24, 1, 10.192.0.1",
    "10.192.0.0/24, 2, 10.192.0.2",
    "10.96.0.0/12, 10, 10.96.0.10",
    "10.200.0.16/28, 1, 10.200.0.17", // original: 10.200.0.161
    "10.200.0.16/28, 2, 10.200.0.18", // original: 10.200.0.162
    "10.96.0.64/26, 10, 10.96.0.74", // original: 10.96.0.6410
    "fd00:30::100/120, 10, fd00:30::10a", // original: fd00:30::100a
    "fd00:20::/64, 2, fd00:20::2",
    "fd00:20::/64, 256, fd00:20::100",
    "fd00:20::/64, 512, fd00:20::200",
    "fd00:30::/110, 10, fd00:30::a",
  })
  void addressAtIsNetworkPlusN(String cidr, long n, String expected) {
    assertThat(Cidr.parse(cidr).addressAt(n)).hasToString(expected);
  }

  @Test
  void knowsHostBitsAndNetwork() {
    assertThat(Cidr.parse("fd00:20::1/64").hasHostBits()).isTrue();
    assertThat(Cidr.parse("fd00:20::1/64").network()).hasToString("fd00:20::/64");
    assertThat(Cidr.parse("10.244.5.0/16").network()).hasToString("10.244.0.0/16");
    assertThat(Cidr.parse("10.244.0.0/16").hasHostBits()).isFalse();
  }

  @Test
  void sizeAndSubnets() {
    assertThat(Cidr.parse("10.200.0.16/28").size()).isEqualTo(BigInteger.valueOf(16));
    assertThat(Cidr.parse("10.244.0.0/16").subnet(24, 3)).hasToString("10.244.3.0/24");
    assertThatThrownBy(() -> Cidr.parse("10.244.0.0/16").subnet(24, 256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("10.200.0.16/28").addressAt(16)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Cidr.parse("10.200.0.16/28").contains(IpAddress.parse("10.200.0.31"))).isTrue();
    assertThat(Cidr.parse("10.200.0.16/28").contains(IpAddress.parse("10.200.0.32"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/08", "10.0.0.0/-1", "10.0.0.0/24/1", "/24"})
  void rejectsMalformed(String text) {
    assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
