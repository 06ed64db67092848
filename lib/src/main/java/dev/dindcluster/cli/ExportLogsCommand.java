package dev.dindcluster.cli;

import dev.dindcluster.dump.DumpPrinter;
import dev.dindcluster.dump.PlainSplitter;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code export-logs}: the live dump straight into files, with the report (as kind's "export logs"). */
@Command(header = "Write the running cluster's state into a directory, one file per section, with a report.",
    footerHeading = "%nExamples:%n",
    footer = {"  ${ROOT-COMMAND-NAME} export-logs ./cluster-dump && chromium ./cluster-dump/index.html"},
    name = "export-logs", description = {
    "Write the running cluster's state (what 'dump' prints) as one file per section into DIR " +
        "(default ./cluster-dump), with index.html, and print the files and the top problems:",
    "'dump | split-dump --report' in one step. Redacted unless --no-redact."})
final class ExportLogsCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;

  @Parameters(arity = "0..1", paramLabel = "DIR", description = "Output directory (default: ./cluster-dump).")
  Path dir;

  @Option(names = "--no-redact", description = "Keep tokens, keys and kubeconfig credentials (never Secrets).")
  boolean noRedact;

  @Override
  public Integer call() throws Exception {
    CliContext context = config.context(top.context());
    Path out = SplitDumpCommand.Output.outputDir(context, dir);
    // The dump goes through a private temporary file (0600, removed at the end): pod logs can be
    // large, and the splitter reads a stream.
    Path plain = Files.createTempFile("dind-cluster-export-", ".txt");
    try {
      try (DumpSources.Open source = DumpSources.open(context, null, config, "export-logs");
           OutputStream file = Files.newOutputStream(plain)) {
        DumpPrinter.plain(source, file, !noRedact);
      }
      try (InputStream in = Files.newInputStream(plain)) {
        var split = PlainSplitter.split(in, out);
        int exit = SplitDumpCommand.Output.print(context, "export-logs", split);
        return SplitDumpCommand.Output.report(context, split, exit);
      }
    } finally {
      Files.deleteIfExists(plain);
    }
  }
}
