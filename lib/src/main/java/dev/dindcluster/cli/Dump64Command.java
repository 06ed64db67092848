package dev.dindcluster.cli;

import dev.dindcluster.dump.DumpPrinter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code dump64}: the dump, LZMA-compressed and base64-framed, for CI logs. */
@Command(
    mixinStandardHelpOptions = true,
    name = "dump64",
    description = {
      "Print the cluster state as an LZMA + base64 blob between '%%% start-base64 %%%' and",
      "'%%% end-base64 %%%' lines (100 columns), readable by split-dump64 and by the original's",
      "sed | base64 -d | lzma -dc pipeline. Secrets are redacted unless --no-redact."
    })
final class Dump64Command implements Callable<Integer> {
  @ParentCommand TopCommand top;

  @Option(names = "--from-file", paramLabel = "FILE",
      description = "Encode a saved plain dump instead of collecting from the cluster.")
  Path fromFile;

  @Option(names = "--no-redact", description = "Keep secrets in the dump (do not post it publicly).")
  boolean noRedact;

  @Override
  public Integer call() throws Exception {
    CliContext context = top.context();
    var source = DumpCommand.Sources.resolve(context, fromFile, "dump64");
    if (source.isEmpty()) {
      return ExitCode.FAILURE.code;
    }
    DumpPrinter.base64(source.get(), context.out(), !noRedact);
    context.out().flush();
    return ExitCode.OK.code;
  }
}
