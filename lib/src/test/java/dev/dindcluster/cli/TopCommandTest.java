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
    "split-dump", "split-dump64", "apiserver-port", "copy-image", "plan", "status", "wait", "list", "export-logs", "completion", "kubeconfig",
    "nodes"
  };

  /** The command list shows each command's one-line header: a whole sentence, never a cut description. */
  @Test
  void theCommandListShowsAWholeSentenceForEveryCommand() {
    picocli.CommandLine top = Cli.commandLine(CliHarness.context(Map.of()));
    for (String command : COMMANDS) {
      String[] header = top.getSubcommands().get(command).getCommandSpec().usageMessage().header();
      assertThat(header).as("%s has a one-line header", command).hasSize(1);
      assertThat(header[0]).as("%s's header is a sentence", command).matches("[A-Z].*\\.");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"up", "down", "wait", "split-dump64", "nodes"})
  void everyCommandsHelpListsTheExitCodes(String command) {
    String help = CliHarness.run(Map.of(), command, "--help").out();
    assertThat(help).contains("Exit codes:");
    for (ExitCode code : ExitCode.values()) {
      assertThat(help).containsPattern("(?m)^ +" + code.code + " +" + java.util.regex.Pattern.quote(code.meaning.substring(0, Math.min(20, code.meaning.length()))));
    }
  }

  @Test
  void optionsAreGroupedAndOnlyWhereTheyDoSomething() {
    String up = CliHarness.run(Map.of(), "up", "--help").out();
    assertThat(up).contains("Cluster and configuration", "On failure:", "--retain", "Progress (stderr", "Examples:");
    // The default comes from Knobs, not from a copy in the help text.
    assertThat(up).containsPattern("--num-nodes=N +Same as --set NUM_NODES=N: workers besides the\\s+master \\(default "
        + dev.dindcluster.config.Knobs.byName("NUM_NODES").orElseThrow().defaultDescription() + "\\)");
    assertThat(up).doesNotContain("${");
    String down = CliHarness.run(Map.of(), "down", "--help").out();
    assertThat(down).doesNotContain("--retain").contains("--timings-json");
    String copy = CliHarness.run(Map.of(), "copy-image", "--help").out();
    assertThat(copy).contains("--quiet").doesNotContain("--timings-json", "--retain");
    String nodes = CliHarness.run(Map.of(), "nodes", "--help").out();
    assertThat(nodes).contains("Output:", "-o, --output=FORMAT");
  }

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

  /** A command line naming one command builds only that command; help, completion and the rest build all. */
  @Test
  void onlyTheNamedCommandIsBuiltWhenThatIsAllTheLineNeeds() {
    assertThat(Cli.namedCommand("up", "--num-nodes", "1")).isEqualTo(UpCommand.class);
    assertThat(Cli.namedCommand("split-dump64", "log.txt")).isEqualTo(SplitDump64Command.class);
    assertThat(Cli.namedCommand()).isNull();
    assertThat(Cli.namedCommand("--help")).isNull();
    assertThat(Cli.namedCommand("help", "up")).isNull();
    assertThat(Cli.namedCommand("completion")).isNull();
    assertThat(Cli.namedCommand("upp")).isNull();
    // Every listed command is found by its own name, so none silently falls back to the whole tree.
    for (String command : COMMANDS) {
      if (!command.equals("completion")) {
        assertThat(Cli.namedCommand(command)).as(command).isNotNull();
      }
    }
    // The same help either way, and a misspelling still gets suggestions from the whole tree.
    assertThat(CliHarness.run(Map.of(), "up", "--help").out())
        .isEqualTo(Cli.commandLine(CliHarness.context(Map.of())).getSubcommands().get("up").getUsageMessage());
    assertThat(CliHarness.run(Map.of(), "upp").err()).contains("Did you mean", "up");
  }

  /** The top command's help, version and usage list the commands from their annotations alone: the same text. */
  @Test
  void theTopHelpListsTheCommandsWithoutBuildingThem() {
    assertThat(Cli.onlyTopHelp()).isTrue();
    assertThat(Cli.onlyTopHelp("--help")).isTrue();
    assertThat(Cli.onlyTopHelp("-V")).isTrue();
    assertThat(Cli.onlyTopHelp("--help", "up")).isFalse();
    assertThat(Cli.onlyTopHelp("-hV")).isFalse();
    assertThat(Cli.onlyTopHelp("help")).isFalse();
    String wholeTree = Cli.commandLine(CliHarness.context(Map.of())).getUsageMessage();
    CliHarness.Result help = CliHarness.run(Map.of(), "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).isEqualTo(wholeTree).contains("split-dump64", "Exit codes:");
    assertThat(CliHarness.run(Map.of(), "-h").out()).isEqualTo(wholeTree);
    CliHarness.Result none = CliHarness.run(Map.of());
    assertThat(none.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code);
    assertThat(none.err()).contains(TopCommand.MISSING_COMMAND).contains(wholeTree);
    assertThat(CliHarness.run(Map.of(), "--version").out()).contains("dind-cluster");
  }
}
