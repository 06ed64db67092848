package dev.dindcluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Input errors of e2e / e2e-serial: exit 2 before the engine or the cluster is touched. */
class E2eCommandTest {
  @Test
  void badFocusExitsTwoNamingIt() {
    var r = CliHarness.run(Map.of(), "e2e", "[Conformance");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("focus expression '[Conformance'");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void badSkipOfTheSerialRunExitsTwo() {
    var r = CliHarness.run(Map.of(), "e2e-serial", "\\[Serial\\]", "(?<=x)y");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("skip expression '(?<=x)y'").contains("lookbehind");
  }

  @Test
  void nonPositiveReadyTimeoutExitsTwo() {
    var r = CliHarness.run(Map.of(), "e2e", "--ready-timeout", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--ready-timeout '0'");
  }

  @Test
  void parallelOutsideItsRangeExitsTwoNamingIt() {
    for (String bad : new String[] {"0", "17"}) {
      var r = CliHarness.run(Map.of(), "e2e", "--parallel", bad);
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err()).contains("--parallel '" + bad + "'").contains("from 1 to 16");
    }
  }

  @Test
  void serialRunRefusesMoreThanOneProcess() {
    var r = CliHarness.run(Map.of(), "e2e-serial", "--parallel", "2");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--parallel '2'").contains("only 1 is allowed");
  }

  @Test
  void helpNamesTheDefaults() {
    var r = CliHarness.run(Map.of(), "e2e-serial", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("\\[Serial\\].*\\[Conformance\\]").contains("--report-dir");
  }
}
