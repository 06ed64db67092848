package dev.dindcluster.cli;

import dev.dindcluster.dump.DumpPrinter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code dump64}: the dump, LZMA-compressed and base64-framed, for CI logs. */
@Command(
    header = "Print the running cluster's state as an LZMA + base64 blob for CI logs.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  ${ROOT-COMMAND-NAME} dump64                       # in a CI job's failure step",
      "  ${ROOT-COMMAND-NAME} dump64 --from-file state.txt"},
    mixinStandardHelpOptions = true,
    name = "dump64",
    description = {
    "Print the running cluster's state (as 'dump' collects it) as an LZMA + base64 blob between " +
        "'%%%%%% start-base64 %%%%%%' and '%%%%%% end-base64 %%%%%%' lines (100 columns), readable by " +
        "split-dump64 and by the original's sed | base64 -d | lzma -dc pipeline. Secrets are redacted " +
        "unless --no-redact."})
final class Dump64Command implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;

  @Mixin DumpOptions dumpOptions;

  @Override
  public Integer call() throws Exception {
    CliContext context = config.context(top.context());
    long start = System.nanoTime();
    // Compressed here, in-process (the original piped the dump through lzma inside the master).
    try (DumpSources.Open source = DumpSources.open(context, dumpOptions.fromFile, config, "dump64")) {
      DumpPrinter.base64(source, context.out(), !dumpOptions.noRedact);
    }
    context.out().flush();
    if (dumpOptions.fromFile == null) {
      context.err().printf("dump64: done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
    return ExitCode.OK.code;
  }
}
