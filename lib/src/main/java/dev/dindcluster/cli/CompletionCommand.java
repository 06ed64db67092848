package dev.dindcluster.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code completion bash|zsh}: a shell completion script for every command and option (picocli's). */
@Command(header = "Print a bash or zsh completion script.",
    name = "completion", description = {
    "Print a completion script for bash or zsh (zsh through bashcompinit), e.g.",
    "  source <(scripts/jbang dind-cluster completion bash --name dind-cluster)",
    "after 'alias dind-cluster=\"scripts/jbang dind-cluster\"'."})
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
  String shell;

  @Option(names = "--name", paramLabel = "COMMAND",
      description = "The command name the script completes (default: ${DEFAULT-VALUE}).",
      defaultValue = "dind-cluster")
  String name;

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new IllegalArgumentException("shell '" + shell + "' is not one of bash, zsh");
    }
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("--name '" + name + "' is not a command name (letters, digits, '.', '_', '-')");
    }
    CommandLine top = spec.parent().commandLine();
    CommandLine.Help.Ansi ansi = CommandLine.Help.Ansi.OFF;
    String script = AutoComplete.bash(name, top);
    spec.commandLine().getOut().print(ansi.string(script));
    spec.commandLine().getOut().flush();
    return ExitCode.OK.code;
  }
}
