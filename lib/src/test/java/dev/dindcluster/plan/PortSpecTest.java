package dev.dindcluster.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortSpecTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "80 | 0.0.0.0 | 0 | 80 | tcp",
    "8080:80 | 0.0.0.0 | 8080 | 80 | tcp",
    ":80 | 0.0.0.0 | 0 | 80 | tcp",
    "127.0.0.1:9000:90/udp | 127.0.0.1 | 9000 | 90 | udp",
    "127.0.0.1::90 | 127.0.0.1 | 0 | 90 | tcp",
    "[::1]:8443:443/TCP | ::1 | 8443 | 443 | tcp",
    "65535:1/sctp | 0.0.0.0 | 65535 | 1 | sctp",
  })
  void parsesDockersSyntaxForOnePort(String spec, String ip, int hostPort, int containerPort, String protocol) {
    assertThat(PortSpec.parse(spec)).isEqualTo(new PortSpec(ip, hostPort, containerPort, protocol));
  }
}
