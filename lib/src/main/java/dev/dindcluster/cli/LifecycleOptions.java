package dev.dindcluster.cli;

import dev.dindcluster.progress.ConsoleProgress;
import dev.dindcluster.progress.Progress;
import picocli.CommandLine.Option;

/** Options of every command that changes a cluster. */
public final class LifecycleOptions {
  @Option(names = "--retain", description = "On failure keep what this run created (for debugging); default: remove it.")
  boolean retain;

  @Option(names = {"-q", "--quiet"}, description = "Only warnings and failures on stderr.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, description = "More detail on stderr.")
  boolean verbose;

  @Option(names = "--timings-json", paramLabel = "FILE", description = "Write each step's duration as JSON to FILE (for benchmarks).")
  java.nio.file.Path timingsJson;

  Progress progress(CliContext context) {
    ConsoleProgress.Level level =
        quiet ? ConsoleProgress.Level.QUIET : verbose ? ConsoleProgress.Level.VERBOSE : ConsoleProgress.Level.NORMAL;
    boolean noColor = context.env().containsKey("NO_COLOR");
    return context.err() == System.err
        ? ConsoleProgress.forStderr(context.err(), level, noColor)
        : new ConsoleProgress(context.err(), level, false, System::nanoTime);
  }
}
