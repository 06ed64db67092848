package dev.dindcluster.cli;

import dev.dindcluster.progress.Progress;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Options of every command that runs lifecycle steps on a cluster: progress and step timings. */
public final class LifecycleOptions {
  /** -q and -v as every command has them (picocli reads inherited options), plus the timings. */
  static final class Fields extends ProgressOptions.Level {
    @Option(names = "--timings-json", paramLabel = "FILE", description = "Write each step's duration as JSON to FILE (for benchmarks).")
    Path timingsJson;
  }

  @ArgGroup(validate = false, heading = "%nProgress (stderr; colour when stderr is a terminal, never with NO_COLOR):%n", order = 30)
  Fields fields = new Fields();

  Progress progress(CliContext context) {
    return ProgressOptions.progress(context, fields().quiet, fields().verbose);
  }

  boolean quiet() {
    return fields().quiet;
  }

  Path timingsJson() {
    return fields().timingsJson;
  }

  private Fields fields() {
    if (fields == null) {
      fields = new Fields();
    }
    return fields;
  }
}
