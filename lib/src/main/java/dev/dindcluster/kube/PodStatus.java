package dev.dindcluster.kube;

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

  /** One container of the pod; {@code restartCount > 0} means previous logs exist. */
  public record Container(String name, String image, boolean ready, int restartCount) {}

  public boolean allContainersReady() {
    return !containers.isEmpty() && containers.stream().allMatch(Container::ready);
  }
}
