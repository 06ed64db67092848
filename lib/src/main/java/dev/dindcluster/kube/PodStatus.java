package dev.dindcluster.kube;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A pod with what a dump and a readiness check need.
 *
 * @param nodeName the node it is scheduled on, or null while pending
 */
public record PodStatus(String namespace, String name, String nodeName, String phase, String podIp, List<Container> containers) {
  public PodStatus {
    containers = List.copyOf(containers);
  }

  /**
   * One container of the pod; {@code restartCount > 0} means previous logs exist.
   *
   * @param startedAt when the running container started, or null when it is not running or unknown
   */
  public record Container(String name, String image, boolean ready, int restartCount, Instant startedAt) {
    /** A container whose start time is unknown. */
    public Container(String name, String image, boolean ready, int restartCount) {
      this(name, image, ready, restartCount, null);
    }
  }

  public boolean allContainersReady() {
    return !containers.isEmpty() && containers.stream().allMatch(Container::ready);
  }

  /**
   * Every container ready, and started at or after {@code since}: after a restore the pod's status
   * stored before {@code down} still says ready until kubelet has started it again.
   */
  public boolean allContainersReadySince(Instant since) {
    Instant second = since.truncatedTo(ChronoUnit.SECONDS);
    return allContainersReady()
        && containers.stream().allMatch(c -> c.startedAt() == null || !c.startedAt().isBefore(second));
  }
}
