package dev.dindcluster.cli;

import dev.dindcluster.dump.DumpSource;
import dev.dindcluster.dump.PlainDumpFileSource;
import dev.dindcluster.dump.SectionWriter;
import dev.dindcluster.lifecycle.ClusterStateException;
import dev.dindcluster.lifecycle.OpenLiveDump;
import dev.dindcluster.plan.ClusterPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Picks the source for {@code dump}/{@code dump64}: a saved plain dump, or the live cluster the config names. */
final class DumpSources {
  private DumpSources() {}

  /** A source to print that releases what it opened (engine and API clients) when closed. */
  interface Open extends DumpSource, AutoCloseable {
    @Override
    void close();
  }

  static Open open(CliContext context, Path fromFile, ConfigOptions config, String command) {
    if (fromFile != null) {
      Path file = context.workDir().resolve(fromFile);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "--from-file " + fromFile + ": no such file (" + file + "); expected a saved plain dump");
      }
      return wrap(new PlainDumpFileSource(file), () -> {});
    }
    return live(context, config, command);
  }

  /** The running cluster of the config's plan (see {@link OpenLiveDump}). Exit 3 when none of its nodes is running. */
  static Open live(CliContext context, ConfigOptions config, String command) {
    ClusterPlan plan = ClusterRun.plan(context, config);
    OpenLiveDump dump;
    try {
      dump = OpenLiveDump.open(plan, context.adapters(), Clock.systemUTC(),
          warning -> context.err().println(command + ": warning: " + warning));
    } catch (ClusterStateException e) {
      throw new ClusterStateException(command + ": " + e.getMessage() + " To print a saved dump: '" + command
          + " --from-file FILE'.");
    }
    context.err().println(command + ": cluster " + plan.context() + ", running nodes " + String.join(", ", dump.runningNodes())
        + "; API " + dump.apiDescription());
    return wrap(dump, dump::close);
  }

  private static Open wrap(DumpSource source, Runnable close) {
    return new Open() {
      @Override
      public void writeTo(SectionWriter out) throws IOException {
        source.writeTo(out);
      }

      @Override
      public void close() {
        close.run();
      }
    };
  }
}
