package dev.dindcluster.cli;

import dev.dindcluster.dump.DumpPrinter;
import dev.dindcluster.dump.DumpSource;
import dev.dindcluster.dump.PlainDumpFileSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code dump}: the cluster state as a plain text block on stdout. */
@Command(
    mixinStandardHelpOptions = true,
    name = "dump",
    description = {
      "Print the cluster state as a plain text dump: '@@@ <name> @@@' sections on stdout.",
      "Secrets (bootstrap tokens, private keys, kubeconfig tokens) are redacted unless --no-redact."
    })
final class DumpCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;

  @Option(names = "--from-file", paramLabel = "FILE",
      description = "Re-print a saved plain dump instead of collecting from the cluster.")
  Path fromFile;

  @Option(names = "--no-redact", description = "Keep secrets in the dump (do not post it publicly).")
  boolean noRedact;

  @Override
  public Integer call() throws Exception {
    CliContext context = top.context();
    var source = Sources.resolve(context, fromFile, "dump");
    if (source.isEmpty()) {
      return ExitCode.FAILURE.code;
    }
    DumpPrinter.plain(source.get(), context.out(), !noRedact);
    context.out().flush();
    return ExitCode.OK.code;
  }

  /**
   * Picks the source for {@code dump}/{@code dump64}: a saved file, or the live cluster. The live
   * collector belongs to the lifecycle; until it lands, {@link Sources#live} says so honestly.
   */
  static final class Sources {
    private Sources() {}
    static Optional<DumpSource> resolve(CliContext context, Path fromFile, String command) {
      if (fromFile != null) {
        Path file = context.workDir().resolve(fromFile);
        if (!Files.isRegularFile(file)) {
          throw new IllegalArgumentException(
              "--from-file " + fromFile + ": no such file (" + file + "); expected a saved plain dump");
        }
        return Optional.of(new PlainDumpFileSource(file));
      }
      return live(context, command);
    }

    /** The lifecycle plugs its live-cluster collector in here. */
    static Optional<DumpSource> live(CliContext context, String command) {
      context.err().println(command + ": collecting from a live cluster needs the cluster lifecycle"
          + " (issue #5: up/down/clean on the real engine), which has not landed yet. Nothing was done."
          + " To re-print or encode a saved dump use: " + command + " --from-file FILE");
      return Optional.empty();
    }
  }
}
