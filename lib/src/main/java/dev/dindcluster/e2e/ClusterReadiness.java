package dev.dindcluster.e2e;

import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.kube.KubeWaits;
import dev.dindcluster.kube.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

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
    waits.untilSystemPodsRunning(api, remaining(start, timeout));
  }

  private Duration remaining(Instant start, Duration timeout) {
    Duration left = timeout.minus(Duration.between(start, clock.instant()));
    return left.isNegative() ? Duration.ZERO : left;
  }
}
