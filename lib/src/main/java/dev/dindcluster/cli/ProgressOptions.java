package dev.dindcluster.cli;

import dev.dindcluster.progress.ConsoleProgress;
import dev.dindcluster.progress.Progress;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code -q}/{@code -v} of every command that reports progress on stderr. */
public final class ProgressOptions {
  static class Level {
    @Option(names = {"-q", "--quiet"}, description = "Only warnings and failures on stderr.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "More detail on stderr.")
    boolean verbose;
  }

  @ArgGroup(validate = false, heading = "%nProgress (stderr; colour when stderr is a terminal, never with NO_COLOR):%n", order = 30)
  Level level = new Level();

  Progress progress(CliContext context) {
    Level chosen = level == null ? new Level() : level;
    return progress(context, chosen.quiet, chosen.verbose);
  }

  static Progress progress(CliContext context, boolean quiet, boolean verbose) {
    ConsoleProgress.Level level =
        quiet ? ConsoleProgress.Level.QUIET : verbose ? ConsoleProgress.Level.VERBOSE : ConsoleProgress.Level.NORMAL;
    boolean noColor = context.env().containsKey("NO_COLOR");
    return context.err() == System.err
        ? ConsoleProgress.forStderr(context.err(), level, noColor)
        : new ConsoleProgress(context.err(), level, false, System::nanoTime);
  }
}
