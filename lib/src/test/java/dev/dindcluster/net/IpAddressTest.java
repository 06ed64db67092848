package dev.dindcluster.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {
  @ParameterizedTest(name = "{0} prints as {1}")
  @CsvSource({
    "10.192.0.2, 10.192.0.2",
    "0.0.0.0, 0.0.0.0",
    "255.255.255.255, 255.255.255.255",
    // RFC 5952: lower case, no leading zeros, longest zero run compressed, first on a tie
    "FD00:0020:0000:0000:0000:0000:0000:0002, fd00:20::2",
    "fd00:20:0::, fd00:20::",
    "fd00:40:0:0:1::, fd00:40:0:0:1::",
    "fd00:40:0:0:0:0100::, fd00:40::100:0:0",
    "fd00:10:20:30:0100::, fd00:10:20:30:100::",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "::, ::",
    "::1, ::1",
    "1::, 1::",
    "0:0:0:0:0:0:0:1, ::1",
  })
  void printsCanonically(String text, String canonical) {
    assertThat(IpAddress.parse(text).toString()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10.0.0", "10.0.0.256", "10.0.0.01", "a.b.c.d", "1:2:3:4:5:6:7:8:9", "fd00::1::2",
      "fd00:::1", "fd00:12345::", "example.com", "10.0.0.1 ", "::g", "1:2:3:4:5:6:7::8"})
  void rejectsNonLiterals(String text) {
    assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addsAcrossOctetsAndHextets() {
    assertThat(IpAddress.parse("10.0.0.255").plus(1)).hasToString("10.0.1.0");
    assertThat(IpAddress.parse("fd00:20::").plus(0x200)).hasToString("fd00:20::200");
    assertThat(IpAddress.parse("fd00::ffff").plus(1)).hasToString("fd00::1:0");
    assertThatThrownBy(() -> IpAddress.parse("255.255.255.255").plus(1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exposesOctetsAndHextets() {
    assertThat(IpAddress.parse("10.192.3.4").octets()).containsExactly(10, 192, 3, 4);
    assertThat(IpAddress.parse("fd00:20::7").hextets()).containsExactly(0xfd00, 0x20, 0, 0, 0, 0, 0, 7);
    assertThat(IpAddress.parse("fd00::").family()).isEqualTo(IpFamily.IPV6);
  }
}
