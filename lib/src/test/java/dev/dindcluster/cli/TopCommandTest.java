package dev.dindcluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopCommandTest {
  /** The original's command set (spec section 6) plus plan. */
  static final String[] COMMANDS = {
    "up", "reup", "down", "clean", "init", "join", "e2e", "e2e-serial", "dump", "dump64",
    "split-dump", "split-dump64", "apiserver-port", "copy-image", "plan", "status", "wait", "list", "export-logs", "completion", "kubeconfig"
  };

  @Test
  void helpListsEveryCommandOnStdoutAndExitsZero() {
    CliHarness.Result result = CliHarness.run(Map.of(), "--help");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("Usage: dind-cluster-v1.20");
    for (String command : COMMANDS) {
      assertThat(result.out()).as("help lists %s", command).containsPattern("(?m)^  " + command + " ");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"up", "down", "plan", "split-dump64"})
  void everySubcommandHasHelp(String command) {
    CliHarness.Result result = CliHarness.run(Map.of(), command, "--help");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: dind-cluster-v1.20 " + command);
  }

  @Test
  void aTypoGetsASuggestionAndNoCommandGetsTheList() {
    CliHarness.Result typo = CliHarness.run(Map.of(), "upp");
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err()).contains("Unmatched argument", "Did you mean", "up");
    CliHarness.Result none = CliHarness.run(Map.of());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("Missing command: pick one of the commands below").containsPattern("(?m)^  status ");
  }

  @Test
  void helpOfACommandExitsZeroAndHelpTextsRenderCleanly() {
    CliHarness.Result help = CliHarness.run(Map.of(), "help", "up");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: dind-cluster-v1.20 up");
    CliHarness.Result dump64 = CliHarness.run(Map.of(), "dump64", "--help");
    assertThat(dump64.exitCode()).isZero();
    assertThat(dump64.out()).contains("'%%% start-base64 %%%'");
    assertThat(dump64.out() + dump64.err()).doesNotContain("WARN");
  }

  @Test
  void versionNamesTheKubernetesVersionAndImage() {
    CliHarness.Result result = CliHarness.run(Map.of(), "--version");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("v1.20.2").contains("dind-cluster/node:v1.20.2");
  }

  @Test
  void noCommandIsAUsageError() {
    CliHarness.Result result = CliHarness.run(Map.of());
    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code);
    assertThat(result.err()).contains("Missing command");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void unknownCommandIsInvalidInput() {
    CliHarness.Result result = CliHarness.run(Map.of(), "frobnicate");
    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code);
    assertThat(result.err()).contains("frobnicate");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void unknownOptionIsInvalidInput() {
    CliHarness.Result result = CliHarness.run(Map.of(), "plan", "--no-such-option");
    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code);
    assertThat(result.err()).contains("--no-such-option");
  }

  @Test
  void waitRefusesANonPositiveTimeout() {
    CliHarness.Result result = CliHarness.run(Map.of(), "wait", "--timeout", "0");
    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code);
    assertThat(result.err()).contains("--timeout '0'");
  }

  @Test
  void completionPrintsABashScriptForEveryCommand() {
    CliHarness.Result result = CliHarness.run(Map.of(), "completion", "bash");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("complete -F _complete_dind-cluster").contains("export-logs").contains("--num-nodes");
    assertThat(CliHarness.run(Map.of(), "completion", "fish").exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code);
    assertThat(CliHarness.run(Map.of(), "completion", "bash", "--name", "a;b").err()).contains("--name 'a;b'");
  }
}
