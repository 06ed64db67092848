package dev.dindcluster.cli;

import dev.dindcluster.dump.DumpReport;
import dev.dindcluster.dump.PlainSplitter;
import dev.dindcluster.dump.SplitReport;
import dev.dindcluster.dump.WrittenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code split-dump}: a plain dump into one file per section. */
@Command(
    header = "Split a plain dump into one file per section.",
    footerHeading = "%nExamples:%n",
    footer = {"  ${ROOT-COMMAND-NAME} split-dump state.txt --report"},
    mixinStandardHelpOptions = true,
    name = "split-dump",
    description = {
    "Split a plain dump (stdin or FILE) into one file per '@@@ <name> @@@' section, in " +
        "./cluster-dump/ or --output DIR, and list the files written. Names that would leave the " +
        "directory are refused (exit 1); CRLF line ends are handled."})
final class SplitDumpCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "The dump (default: stdin).")
  Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR",
      description = "Output directory (default: ./cluster-dump).")
  Path output;

  @Option(names = "--report", description = "Also write index.html (nodes, pods not Ready, their logs and events, "
      + "warning events, every file) next to the files, and print the top problems.")
  boolean report;

  @Override
  public Integer call() throws Exception {
    CliContext context = top.context();
    try (InputStream in = Output.open(context, file)) {
      var split = PlainSplitter.split(in, Output.outputDir(context, output));
      int exit = Output.print(context, "split-dump", split);
      return report ? Output.report(context, split, exit) : exit;
    }
  }

  /** Shared with split-dump64: input, output directory, and the report. */
  static final class Output {
    private Output() {}
    static final String DEFAULT_DIR = "cluster-dump";

    static InputStream open(CliContext context, Path file) throws IOException {
      if (file == null || file.toString().equals("-")) {
        return new NonClosing(context.in());
      }
      Path path = context.workDir().resolve(file);
      if (!Files.exists(path)) {
        throw new IllegalArgumentException(file + ": no such file (" + path + ")");
      }
      if (!Files.isRegularFile(path) && !isFifo(path)) {
        // A directory or a device such as /dev/zero: not a log (and a device may never end).
        throw new IllegalArgumentException(file + ": is not a file (" + (Files.isDirectory(path) ? "a directory" : "a device?")
            + "); give a log or dump file, a named pipe, or - for stdin");
      }
      return Files.newInputStream(path);
    }

    private static boolean isFifo(Path path) throws IOException {
      int mode = (Integer) Files.getAttribute(path, "unix:mode");
      return (mode & 0170000) == 0010000; // S_IFIFO: a CI log may come through a named pipe
    }

    static Path outputDir(CliContext context, Path output) {
      return context.workDir().resolve(output == null ? Path.of(DEFAULT_DIR) : output).normalize();
    }

    /** One line per file on stdout ("cluster-dump/nodes.txt (138 bytes)"), problems on stderr. */
    static int print(CliContext context, String command, SplitReport report) {
      Path base = context.workDir().toAbsolutePath().normalize();
      report.files().stream()
          .sorted(Comparator.comparing(WrittenFile::path))
          .forEach(file -> {
            Path shown = file.path().startsWith(base) ? base.relativize(file.path()) : file.path();
            context.out().println(shown + " (" + file.size() + " bytes)");
          });
      context.out().flush();
      report.problems().forEach(problem -> context.err().println(command + ": " + problem));
      return report.ok() ? ExitCode.OK.code : ExitCode.FAILURE.code;
    }

    /** index.html in every directory that received files, and each one's summary on stdout. */
    static int report(CliContext context, SplitReport split, int exit) {
      Path base = context.workDir().toAbsolutePath().normalize();
      var dirs = split.files().stream().map(f -> f.path().getParent()).distinct().sorted().toList();
      if (dirs.isEmpty()) {
        context.err().println("no files were split, so there is no report");
        return exit == ExitCode.OK.code ? ExitCode.FAILURE.code : exit;
      }
      for (Path dir : dirs) {
        DumpReport report = DumpReport.read(dir);
        Path index = report.writeHtml();
        context.out().println();
        context.out().println("report: " + (index.startsWith(base) ? base.relativize(index) : index));
        context.out().print(report.summary());
      }
      context.out().flush();
      return exit;
    }

    private static final class NonClosing extends java.io.FilterInputStream {
      NonClosing(InputStream in) {
        super(in);
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, len);
      }

      @Override
      public void close() {
        // stdin belongs to the caller
      }
    }
  }
}
