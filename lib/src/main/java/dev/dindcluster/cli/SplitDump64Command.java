package dev.dindcluster.cli;

import dev.dindcluster.dump.Dump64Splitter;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code split-dump64}: dump64 blobs found in a log into one file per section. */
@Command(
    header = "Find dump64 blobs in a log and split them into files.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  gh run view --log 123 | ${ROOT-COMMAND-NAME} split-dump64 --report",
      "  ${ROOT-COMMAND-NAME} split-dump64 job.log --blob 2 --output ./second"},
    mixinStandardHelpOptions = true,
    name = "split-dump64",
    description = {
    "Find dump64 blobs in a log (stdin or FILE) and split them into ./cluster-dump/ or --output " +
        "DIR; with several blobs, blob N goes into DIR/N/ (or pick one with --blob N).",
    "Tolerates CI log noise: CRLF, ANSI colours, timestamp or step-name prefixes, blank lines.",
    "A cut-off or damaged blob is reported with its line number (exit 1); complete sections are " +
        "kept, the incomplete one is not written."})
final class SplitDump64Command implements Callable<Integer> {
  @ParentCommand TopCommand top;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "The log (default: stdin).")
  Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR",
      description = "Output directory (default: ./cluster-dump).")
  Path output;

  @Option(names = "--blob", paramLabel = "N",
      description = "Split only the N-th blob of the log (1 = first), straight into the output directory.")
  Integer blob;

  @Option(names = "--report", description = "Also write index.html (nodes, pods not Ready, their logs and events, "
      + "warning events, every file) next to each blob's files, and print the top problems.")
  boolean report;

  @Override
  public Integer call() throws Exception {
    CliContext context = top.context();
    Dump64Splitter splitter =
        new Dump64Splitter(SplitDumpCommand.Output.outputDir(context, output), blob, context.err());
    try (InputStream in = SplitDumpCommand.Output.open(context, file)) {
      var split = splitter.split(in);
      int exit = SplitDumpCommand.Output.print(context, "split-dump64", split);
      return report ? SplitDumpCommand.Output.report(context, split, exit) : exit;
    }
  }
}
