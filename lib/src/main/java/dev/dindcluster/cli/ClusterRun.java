package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.Action;
import dev.dindcluster.lifecycle.ActionRunner;
import dev.dindcluster.lifecycle.ClusterLabels;
import dev.dindcluster.lifecycle.ClusterLock;
import dev.dindcluster.lifecycle.ClusterSession;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.Planner;
import dev.dindcluster.progress.Progress;
import dev.dindcluster.runtime.NodeRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;

/**
 * How every cluster-changing command runs: plan (invalid input exits 2 before anything is
 * touched), take the cluster's lock, run the actions, clean up on failure.
 */
final class ClusterRun {
  /** Two runs on one cluster: the second waits this long, then exits 3. */
  static final Duration LOCK_WAIT = Duration.ofMinutes(10);

  private ClusterRun() {}

  static ClusterPlan plan(CliContext context, ConfigOptions config) {
    var settings = config.settings(context);
    ClusterPlan plan = Planner.plan(settings, context.release(), context.randomClusterId());
    if (plan.randomClusterId()) {
      // The id was rolled at random: an existing cluster of this label keeps the one it was made with.
      try (NodeRuntime runtime = context.adapters().runtime()) {
        var existing = runtime.findNetwork(plan.network().name())
            .map(n -> n.labels().get(ClusterLabels.CLUSTER_ID))
            .filter(id -> id.matches("\\d{1,3}"));
        if (existing.isPresent()) {
          int id = Integer.parseInt(existing.get());
          plan = Planner.plan(settings, context.release(), () -> id);
        } else {
          // A new cluster: keep clear of the subnets of the dind clusters that exist now.
          List<dev.dindcluster.net.Cidr> taken = runtime.networksWithLabel(ClusterLabels.CLUSTER).stream()
              .flatMap(n -> n.subnets().stream())
              .map(subnet -> dev.dindcluster.net.Cidr.parse(subnet.cidr()))
              .toList();
          plan = dev.dindcluster.plan.RandomIdChoice.avoidTaken(plan, id -> Planner.plan(settings, context.release(), () -> id), taken);
        }
      }
    }
    plan.warnings().forEach(w -> context.err().println("WARNING: " + w));
    return plan;
  }

  /** Runs the actions chosen for the plan; returns the session for the caller's summary. */
  static ClusterSession run(
      CliContext context,
      ClusterPlan plan,
      LifecycleOptions options,
      BiFunction<ClusterPlan, NodeRuntime, List<Action>> actions) {
    Progress progress = options.progress(context);
    NodeRuntime runtime = context.adapters().runtime();
    try (ClusterLock lock = ClusterLock.acquire(lockDir(context), plan.label(), LOCK_WAIT)) {
      ClusterSession session = new ClusterSession(plan, runtime, context.adapters().kubeconfigs(),
          context.adapters().kubeApis(), progress,
          new ClusterSession.Options(options.retain, ClusterSession.Options.defaults().readyTimeout()))
          .withImageBuilder(context.adapters().imageBuilder());
      long start = System.nanoTime();
      ActionRunner.run(session, actions.apply(plan, runtime));
      if (options.timingsJson != null) {
        writeTimings(context.workDir().resolve(options.timingsJson), session, (System.nanoTime() - start) / 1_000_000);
      }
      return session;
    } finally {
      runtime.close();
    }
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

  static Path lockDir(CliContext context) {
    String tmp = context.env().getOrDefault("TMPDIR", "/tmp");
    return Path.of(tmp.isEmpty() ? "/tmp" : tmp, "dind-cluster-locks");
  }
}
