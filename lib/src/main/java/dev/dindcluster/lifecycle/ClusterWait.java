package dev.dindcluster.lifecycle;

import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.kube.KubeFailure;
import dev.dindcluster.kube.KubeWaits;
import dev.dindcluster.kube.KubeconfigEntry;
import dev.dindcluster.kube.KubeconfigStore;
import dev.dindcluster.kube.Sleeper;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.runtime.NodeRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * Blocks until a cluster someone else is bringing up (or restoring) is usable, by the same measure
 * as the end of {@code up}: the master runs, the API server answers /readyz, every planned node is
 * Ready and cluster DNS is Ready. Changes nothing, so scripts stop polling by hand.
 */
public final class ClusterWait {
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration interval;

  public ClusterWait(Clock clock, Sleeper sleeper, Duration interval) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.interval = interval;
  }

  /** Thrown when the cluster is not ready in time; the message says what was still missing. */
  public static final class TimedOut extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TimedOut(String message) {
      super(message);
    }
  }

  /**
   * @return how long it took
   * @throws TimedOut when {@code timeout} passed first
   */
  public Duration await(ClusterPlan plan, NodeRuntime runtime, KubeconfigStore kubeconfigs,
      Function<KubeconfigEntry, KubeApi> kubeApis, Duration timeout) {
    Instant start = clock.instant();
    Instant deadline = start.plus(timeout);
    String missing = "";
    while (true) {
      try (ApiConnection connection = ApiAccess.connect(plan, runtime, kubeconfigs, kubeApis)) {
        if (connection.isAvailable()) {
          KubeWaits waits = new KubeWaits(clock, sleeper, interval);
          Duration left = Duration.between(clock.instant(), deadline);
          // Statuses from before the master's container last started (a restore under way elsewhere
          // starts from the ones stored at `down`) do not count.
          Instant since = runtime.findContainer(plan.master().name()).flatMap(c -> c.started()).orElse(Instant.MIN);
          try {
            waits.untilReadyz(connection.api(), positive(left));
            waits.untilNodesReady(connection.api(), plan.nodes().size(), since, positive(Duration.between(clock.instant(), deadline)));
            waits.untilPodReady(connection.api(), "kube-system", dnsPodPrefix(plan, runtime), since,
                positive(Duration.between(clock.instant(), deadline)));
            return Duration.between(start, clock.instant());
          } catch (KubeFailure e) {
            missing = e.getMessage();
          }
        } else {
          missing = connection.unavailableReason();
        }
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new TimedOut("cluster '" + plan.label() + "' not ready after " + timeout.toSeconds() + " s: " + missing);
      }
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TimedOut("interrupted while waiting for cluster '" + plan.label() + "': " + missing);
      }
    }
  }

  private static Duration positive(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** The DNS pods to wait for: dind-cluster's own, unless the node image carries kubeadm's add-on. */
  private static String dnsPodPrefix(ClusterPlan plan, NodeRuntime runtime) {
    return BringUp.dnsPodPrefix(plan.version(), BringUp.ownDns(runtime.imageLabels(plan.image()).orElse(Map.of())));
  }
}
