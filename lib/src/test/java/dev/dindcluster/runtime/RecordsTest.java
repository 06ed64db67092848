package dev.dindcluster.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordsTest {
  @Test
  void aFailedStepsOutputTailIsRedacted() {
    ExecResult result = new ExecResult(1,
        "[bootstrap-token] Using token: abcdef.0123456789abcdef\nkubeadm join 10.192.0.2:6443 --token abcdef.0123456789abcdef\n",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEsecret\n-----END RSA PRIVATE KEY-----\n");
    assertThatThrownBy(() -> result.orThrow("kube-master", ExecRequest.of("kubeadm", "init")))
        .isInstanceOf(RuntimeFailure.class)
        .hasMessageContaining("exited with 1")
        .hasMessageContaining("<redacted>")
        .hasMessageNotContaining("0123456789abcdef")
        .hasMessageNotContaining("MIIEsecret");
  }

  @Test
  void execResultTailShowsTheLastLinesOfBothStreams() {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i <= 30; i++) {
      out.append("line ").append(i).append('\n');
    }
    ExecResult result = new ExecResult(1, out.toString(), "boom\n");
    assertThat(result.tail(2)).isEqualTo("\n  | line 29\n  | line 30\n  ! boom\n");
    assertThat(new ExecResult(0, "", "").tail(5)).isEmpty();
    ExecRequest request = ExecRequest.of("kubeadm", "init");
    assertThatThrownBy(() -> result.orThrow("kube-master", request))
        .isInstanceOf(RuntimeFailure.class)
        .hasMessageStartingWith("exec in 'kube-master': 'kubeadm init' exited with 1\n")
        .hasMessageContaining("  | line 30").hasMessageNotContaining("line 10\n");
    assertThat(new ExecResult(0, "ok", null).orThrow("x", request).stdout()).isEqualTo("ok");
  }

  @Test
  void execRequestRejectsNonsense() {
    assertThatThrownBy(() -> new ExecRequest(List.of(), Map.of(), null)).hasMessageContaining("empty command");
    assertThatThrownBy(() -> ExecRequest.of("true").withTimeout(Duration.ZERO))
        .hasMessage("exec timeout PT0S: must be positive");
  }

  @Test
  void nodeSpecDefaultsAndChecks() {
    NodeSpec spec = NodeSpec.builder("kube-master", "img").build();
    assertThat(spec.hostname()).isEqualTo("kube-master");
    assertThat(spec.security()).isEqualTo(NodeSecurity.DEFAULT);
    assertThatThrownBy(() -> NodeSpec.builder("kube-master", "img").ipv4("10.192.0.2").build())
        .hasMessage("container 'kube-master': a static IP needs a network");
  }

  @Test
  void portsAndSubnetsAreChecked() {
    assertThatThrownBy(() -> new PortMapping("127.0.0.1", 70000, 6443))
        .hasMessage("host port 70000: must be 0 (free) or 1..65535");
    assertThatThrownBy(() -> new PortMapping("127.0.0.1", 0, 0)).hasMessage("container port 0: must be 1..65535");
    assertThatThrownBy(() -> Subnet.withGateway("10.192.0.0", "10.192.0.1"))
        .hasMessage("subnet '10.192.0.0': must be a CIDR like 10.192.0.0/24");
    assertThatThrownBy(() -> new NetworkSpec("n", Map.of(), List.of(Subnet.withoutGateway("fd00::/64")), false))
        .hasMessage("network 'n': IPv6 subnet given but ipv6 is off");
  }

  @Test
  void engineInfoPicksTheNodeSecurity() {
    assertThat(new EngineInfo("20.10", "1.41", true).nodeSecurity()).isEqualTo(NodeSecurity.RESTRICTED);
    assertThat(new EngineInfo("20.10", "1.41", false).nodeSecurity()).isEqualTo(NodeSecurity.PRIVILEGED);
  }
}
