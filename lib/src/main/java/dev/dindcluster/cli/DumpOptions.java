package dev.dindcluster.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by {@code dump} and {@code dump64}. */
final class DumpOptions {
  @Option(names = "--from-file", paramLabel = "FILE",
      description = "Use a saved plain dump instead of collecting from the cluster.")
  Path fromFile;

  @Option(names = "--no-redact", description = "Keep secrets in the dump (do not post it publicly).")
  boolean noRedact;
}
