package dev.dindcluster.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class Rfc6052Test {
  /** The table of RFC 6052 section 2.4 (192.0.2.33 in 2001:db8:122:344::/n) and our default prefix. */
  @ParameterizedTest
  @CsvSource({
    "2001:db8::/32, 192.0.2.33, 2001:db8:c000:221::",
    "2001:db8:100::/40, 192.0.2.33, 2001:db8:1c0:2:21::",
    "2001:db8:122::/48, 192.0.2.33, 2001:db8:122:c000:2:2100::",
    "2001:db8:122:300::/56, 192.0.2.33, 2001:db8:122:3c0:0:221::",
    "2001:db8:122:344::/64, 192.0.2.33, 2001:db8:122:344:c0:2:2100:0",
    "2001:db8:122:344::/96, 192.0.2.33, 2001:db8:122:344::c000:221",
    "64:ff9b::/96, 192.0.2.33, 64:ff9b::c000:221",
    "fd00:10:64:ff9b::/96, 172.24.0.53, fd00:10:64:ff9b::ac18:35",
  })
  void embedsAsTheRfcTableShows(String prefix, String ipv4, String expected) {
    assertThat(Rfc6052.embed(Cidr.parse(prefix), IpAddress.parse(ipv4))).isEqualTo(IpAddress.parse(expected));
  }

  @Test
  void refusesLengthsTheRfcDoesNotAllow() {
    assertThatThrownBy(() -> Rfc6052.embed(Cidr.parse("fd00:10::/80"), IpAddress.parse("10.0.0.1")))
        .hasMessageContaining("'fd00:10::/80'").hasMessageContaining("/96");
    assertThatThrownBy(() -> Rfc6052.embed(Cidr.parse("fd00:10::/96"), IpAddress.parse("fd00::1")))
        .hasMessageContaining("not an IPv4");
  }
}
