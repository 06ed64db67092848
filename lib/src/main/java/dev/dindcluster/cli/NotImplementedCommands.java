package dev.dindcluster.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Commands whose implementation has not landed yet. They exist so that help lists the whole
 * command set of the original, and they fail honestly: a message naming what is missing, exit 1.
 * Each moves to its own class when its issue lands.
 */
final class NotImplementedCommands {
  private NotImplementedCommands() {}

  abstract static class Base implements Callable<Integer> {
    @Parameters(arity = "0..*", hidden = true)
    List<String> ignored;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    abstract String missing();

    @Override
    public Integer call() {
      spec.commandLine()
          .getErr()
          .println(
              spec.qualifiedName()
                  + ": not implemented yet: "
                  + missing()
                  + ". Nothing was done.");
      return ExitCode.FAILURE.code;
    }
  }

  private static final String LIFECYCLE = "the cluster lifecycle (issue #5: up/down/clean on the real engine)";

}
