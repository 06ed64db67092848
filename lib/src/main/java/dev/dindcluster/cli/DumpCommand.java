package dev.dindcluster.cli;

import dev.dindcluster.dump.DumpPrinter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code dump}: the cluster state as a plain text block on stdout. */
@Command(
    header = "Print the running cluster's state as a plain text dump.",
    footerHeading = "%nExamples:%n",
    footer = {"  ${ROOT-COMMAND-NAME} dump > state.txt"},
    mixinStandardHelpOptions = true,
    name = "dump",
    description = {
    "Print the state of the running cluster (the one the config options name) as a plain text dump:",
    "'@@@ <name> @@@' sections on stdout: per node the kubelet and docker units, ps, inner " +
        "containers, addresses and routes; every pod container's log; get all, describe all, nodes " +
        "and events.",
    "Secrets (bootstrap tokens, private keys, kubeconfig tokens) are redacted unless --no-redact."})
final class DumpCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;

  @Mixin DumpOptions dumpOptions;

  @Override
  public Integer call() throws Exception {
    CliContext context = config.context(top.context());
    long start = System.nanoTime();
    try (DumpSources.Open source = DumpSources.open(context, dumpOptions.fromFile, config, "dump")) {
      DumpPrinter.plain(source, context.out(), !dumpOptions.noRedact);
    }
    context.out().flush();
    if (dumpOptions.fromFile == null) {
      context.err().printf("dump: done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
    return ExitCode.OK.code;
  }
}
