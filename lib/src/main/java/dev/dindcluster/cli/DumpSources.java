package dev.dindcluster.cli;

import dev.dindcluster.dump.DumpSource;
import dev.dindcluster.dump.PlainDumpFileSource;
import dev.dindcluster.dump.SectionWriter;
import dev.dindcluster.lifecycle.ApiAccess;
import dev.dindcluster.lifecycle.ApiConnection;
import dev.dindcluster.lifecycle.ClusterLabels;
import dev.dindcluster.lifecycle.ClusterStateException;
import dev.dindcluster.lifecycle.LiveClusterDump;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.runtime.NodeRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

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

  /**
   * The running cluster of the config's plan. Nothing is changed in it and no lock is taken, so a
   * dump can be taken while another command is stuck. Exit 3 when none of its nodes is running.
   */
  static Open live(CliContext context, ConfigOptions config, String command) {
    ClusterPlan plan = ClusterRun.plan(context, config);
    NodeRuntime runtime = context.adapters().runtime();
    try {
      List<String> nodes = LiveClusterDump.runningNodes(plan, runtime);
      if (nodes.isEmpty()) {
        throw new ClusterStateException(command + ": cluster " + plan.context() + " has no running node containers"
            + " (none labelled " + ClusterLabels.filter(plan) + " is running). Bring it up with 'up',"
            + " check CLUSTER_ID/DIND_LABEL, or print a saved dump with '" + command + " --from-file FILE'.");
      }
      ApiConnection api = ApiAccess.connect(plan, runtime, context.adapters().kubeconfigs(), context.adapters().kubeApis());
      context.err().println(command + ": cluster " + plan.context() + ", running nodes " + String.join(", ", nodes)
          + "; API " + (api.isAvailable() ? api.server() : "unavailable: " + api.unavailableReason()));
      LiveClusterDump dump = new LiveClusterDump(plan, runtime, api, Clock.systemUTC(),
          warning -> context.err().println(command + ": warning: " + warning));
      return wrap(dump, () -> {
        api.close();
        runtime.close();
      });
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
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
