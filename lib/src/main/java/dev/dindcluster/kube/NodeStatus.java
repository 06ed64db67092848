package dev.dindcluster.kube;

import java.time.Instant;
import java.util.List;

/**
 * A node as {@code kubectl get nodes -o wide} shows it.
 *
 * @param readyHeartbeat when kubelet last reported the Ready condition, or null when unknown: after
 *     a restore the Ready condition stored before {@code down} still says True until the node's
 *     kubelet reports again, so a wait compares this with when the bring-up began
 */
public record NodeStatus(String name, boolean ready, List<String> roles, String internalIp, String kubeletVersion,
    Instant readyHeartbeat) {
  public NodeStatus {
    roles = List.copyOf(roles);
  }

  /** A node whose Ready heartbeat is unknown. */
  public NodeStatus(String name, boolean ready, List<String> roles, String internalIp, String kubeletVersion) {
    this(name, ready, roles, internalIp, kubeletVersion, null);
  }

  /** Ready, and reported by kubelet at or after {@code since} (the API keeps whole seconds). */
  public boolean readySince(Instant since) {
    return ready && (readyHeartbeat == null || !readyHeartbeat.isBefore(since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
  }
}
