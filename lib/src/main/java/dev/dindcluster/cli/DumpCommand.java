package dev.dindcluster.cli;

import dev.dindcluster.dump.DumpPrinter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code dump}: the cluster state as a plain text block on stdout. */
@Command(
    mixinStandardHelpOptions = true,
    name = "dump",
    description = {
      "Print the state of the running cluster (the one the config options name) as a plain text dump:",
      "'@@@ <name> @@@' sections on stdout: per node the kubelet and docker units, ps, inner containers,",
      "addresses and routes; every pod container's log; get all, describe all, nodes and events.",
      "Secrets (bootstrap tokens, private keys, kubeconfig tokens) are redacted unless --no-redact."
    })
final class DumpCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;

  @Option(names = "--from-file", paramLabel = "FILE",
      description = "Re-print a saved plain dump instead of collecting from the cluster.")
  Path fromFile;

  @Option(names = "--no-redact", description = "Keep secrets in the dump (do not post it publicly).")
  boolean noRedact;

  @Override
  public Integer call() throws Exception {
    CliContext context = top.context();
    long start = System.nanoTime();
    try (DumpSources.Open source = DumpSources.open(context, fromFile, config, "dump")) {
      DumpPrinter.plain(source, context.out(), !noRedact);
    }
    context.out().flush();
    if (fromFile == null) {
      context.err().printf("dump: done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
    return ExitCode.OK.code;
  }
}
