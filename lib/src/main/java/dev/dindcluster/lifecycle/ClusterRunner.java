package dev.dindcluster.lifecycle;

import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.net.Cidr;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.Planner;
import dev.dindcluster.plan.RandomIdChoice;
import dev.dindcluster.progress.Progress;
import dev.dindcluster.runtime.NodeRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * How every cluster operation runs, for the CLI and the public API alike: resolve the plan against
 * the engine (one resolver of the cluster id, so {@code plan} shows what {@code up} creates), take
 * the cluster's lock, run the actions, clean up on failure.
 */
public final class ClusterRunner {
  /** Two runs on one cluster: the second waits this long, then fails with a wrong-state error. */
  public static final Duration LOCK_WAIT = Duration.ofMinutes(10);

  private ClusterRunner() {}

  /**
   * The plan for these settings. A random cluster id (DIND_LABEL without CLUSTER_ID) is resolved
   * against the engine: an existing cluster of the label keeps the id it was made with (read from
   * its network, or from its node volumes when the network is gone); a new one
   * keeps clear of the subnets of the dind clusters that exist now.
   */
  public static ClusterPlan resolvePlan(Map<String, String> settings, FixedRelease release, IntSupplier randomClusterId,
      Adapters adapters) {
    ClusterPlan plan = Planner.plan(settings, release, randomClusterId);
    if (!plan.randomClusterId()) {
      return plan;
    }
    try (NodeRuntime runtime = adapters.runtime()) {
      var existing = runtime.findNetwork(plan.network().name())
          .map(n -> n.labels().get(ClusterLabels.CLUSTER_ID))
          .or(() -> runtime.volumesWithLabel(ClusterLabels.filter(plan)).stream()
              .map(v -> v.labels().get(ClusterLabels.CLUSTER_ID))
              .filter(java.util.Objects::nonNull)
              .findFirst())
          .filter(id -> id.matches("\\d{1,3}"));
      if (existing.isPresent()) {
        int id = Integer.parseInt(existing.get());
        return Planner.plan(settings, release, () -> id);
      }
      List<Cidr> taken = runtime.networksWithLabel(ClusterLabels.CLUSTER).stream()
          .flatMap(n -> n.subnets().stream())
          .map(subnet -> Cidr.parse(subnet.cidr()))
          .toList();
      return RandomIdChoice.avoidTaken(plan, id -> Planner.plan(settings, release, () -> id), taken);
    }
  }

  /** Runs the actions chosen for the plan under the cluster's lock; returns the session for a summary. */
  public static ClusterSession run(ClusterPlan plan, Adapters adapters, Progress progress, ClusterSession.Options options,
      Path lockDir, Function<ClusterSession, List<Action>> actions) {
    NodeRuntime runtime = adapters.runtime();
    try (ClusterLock lock = ClusterLock.acquire(lockDir, plan.label(), LOCK_WAIT)) {
      ClusterSession session = new ClusterSession(plan, runtime, adapters.kubeconfigs(), adapters.kubeApis(), progress, options)
          .withImageBuilder(adapters.imageBuilder()).withKubeApiWarmUp(adapters::warmUpKubeApi);
      // Chosen under the lock: what exists (volumes, snapshot) cannot change before the run.
      ActionRunner.run(session, actions.apply(session));
      return session;
    } finally {
      runtime.close();
    }
  }

  /**
   * Where cluster locks live: the user's own runtime directory ($XDG_RUNTIME_DIR, 0700 by
   * definition), else ~/.cache/dind-cluster; never a predictable path in a shared directory such as
   * /tmp. {@link ClusterLock} creates the directory 0700 and refuses one that is not private.
   */
  public static Path lockDir(Map<String, String> env) {
    String runtimeDir = env.getOrDefault("XDG_RUNTIME_DIR", "");
    if (runtimeDir.startsWith("/")) {
      return Path.of(runtimeDir, "dind-cluster", "locks");
    }
    String home = env.getOrDefault("HOME", "");
    if (!home.startsWith("/")) {
      throw new IllegalArgumentException("neither XDG_RUNTIME_DIR nor HOME is an absolute path ('" + home
          + "'): cannot place the cluster lock where only you can write");
    }
    return Path.of(home, ".cache", "dind-cluster", "locks");
  }
}
