package dev.dindcluster.e2e;

import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.kube.KubeFailure;
import dev.dindcluster.kube.KubeWaits;
import dev.dindcluster.kube.PodStatus;
import dev.dindcluster.kube.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Waits until the cluster is ready for tests: the API server's /readyz, every planned node Ready,
 * and every kube-system pod Running (not Ready: kubelet 1.20 reports healthy static pods unready for
 * about 1.5 minutes after init; e2e.test itself waits for Ready, with its own 10-minute limit).
 */
public final class ClusterReadiness {
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration interval;

  public ClusterReadiness(Clock clock, Sleeper sleeper, Duration interval) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.interval = interval;
  }

  public static ClusterReadiness real() {
    return new ClusterReadiness(Clock.systemUTC(), Sleeper.REAL, Duration.ofSeconds(1));
  }

  public void await(KubeApi api, int nodes, Duration timeout) {
    Instant start = clock.instant();
    KubeWaits waits = new KubeWaits(clock, sleeper, interval);
    waits.untilReadyz(api, timeout);
    waits.untilNodesReady(api, nodes, remaining(start, timeout));
    untilSystemPodsRunning(api, remaining(start, timeout));
  }

  void untilSystemPodsRunning(KubeApi api, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    List<PodStatus> notRunning = List.of();
    while (true) {
      try {
        List<PodStatus> pods = api.pods("kube-system");
        notRunning = pods.stream().filter(p -> !"Running".equals(p.phase()) && !"Succeeded".equals(p.phase())).toList();
        if (!pods.isEmpty() && notRunning.isEmpty()) {
          return;
        }
      } catch (KubeFailure e) {
        // the API server may be restarting; poll again
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new KubeFailure("timed out after " + timeout.toSeconds() + "s waiting for kube-system pods to run; not running: "
            + notRunning.stream().map(p -> p.name() + " (" + p.phase() + ")").collect(Collectors.joining(", ")));
      }
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KubeFailure("interrupted while waiting for kube-system pods", e);
      }
    }
  }

  private Duration remaining(Instant start, Duration timeout) {
    Duration left = timeout.minus(Duration.between(start, clock.instant()));
    return left.isNegative() ? Duration.ZERO : left;
  }
}
