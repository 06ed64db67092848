package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.Action;
import dev.dindcluster.lifecycle.ClusterRunner;
import dev.dindcluster.lifecycle.ClusterSession;
import dev.dindcluster.plan.ClusterPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The CLI's side of {@link ClusterRunner}: warnings and progress on stderr, lifecycle options
 * from the command line, step timings written for benchmarks.
 */
final class ClusterRun {
  private ClusterRun() {}

  static ClusterPlan plan(CliContext context, ConfigOptions config) {
    ClusterPlan plan = ClusterRunner.resolvePlan(config.settings(context), context.release(), context.randomClusterId(),
        context.adapters());
    plan.warnings().forEach(w -> context.err().println("WARNING: " + w));
    return plan;
  }

  /** Runs the actions chosen for the plan; returns the session for the caller's summary. */
  static ClusterSession run(
      CliContext context,
      ClusterPlan plan,
      LifecycleOptions options,
      boolean retain,
      Function<ClusterSession, List<Action>> actions) {
    long start = System.nanoTime();
    ClusterSession session = ClusterRunner.run(plan, context.adapters(), options.progress(context),
        new ClusterSession.Options(retain, ClusterSession.Options.defaults().readyTimeout()),
        ClusterRunner.lockDir(context.env()), actions);
    if (options.timingsJson() != null) {
      writeTimings(context.workDir().resolve(options.timingsJson()), session, (System.nanoTime() - start) / 1_000_000);
    }
    return session;
  }

  /** {"totalMillis":..,"waitingMillis":..,"overheadMillis":..,"steps":[{"title":..,"millis":..,"waiting":..}]} */
  private static void writeTimings(Path file, ClusterSession session, long totalMillis) {
    StringBuilder json = new StringBuilder("{\"steps\": [");
    long waiting = 0;
    var timings = session.timings();
    for (int i = 0; i < timings.size(); i++) {
      var t = timings.get(i);
      waiting += t.waiting() ? t.millis() : 0;
      json.append(i == 0 ? "" : ", ").append("{\"title\": \"").append(t.title().replace("\"", "'"))
          .append("\", \"millis\": ").append(t.millis()).append(", \"waiting\": ").append(t.waiting()).append('}');
    }
    json.append("], \"totalMillis\": ").append(totalMillis).append(", \"waitingMillis\": ").append(waiting)
        .append(", \"overheadMillis\": ").append(totalMillis - waiting).append("}\n");
    try {
      java.nio.file.Files.writeString(file, json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write --timings-json " + file, e);
    }
  }

}
