package dev.dindcluster.kube.fabric8;

import dev.dindcluster.kube.EventInfo;
import dev.dindcluster.kube.NodeStatus;
import dev.dindcluster.kube.PodStatus;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** fabric8 model objects turned into our plain records (nulls where the API has nothing yet). */
final class Fabric8Views {
  private static final String ROLE_PREFIX = "node-role.kubernetes.io/";

  private Fabric8Views() {}

  static NodeStatus node(Node node) {
    var status = node.getStatus();
    boolean ready = status != null && status.getConditions() != null && status.getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    List<String> roles = labels.keySet().stream()
        .filter(k -> k.startsWith(ROLE_PREFIX))
        .map(k -> k.substring(ROLE_PREFIX.length()))
        .sorted()
        .collect(Collectors.toList());
    String internalIp = status == null || status.getAddresses() == null ? null : status.getAddresses().stream()
        .filter(a -> "InternalIP".equals(a.getType()))
        .map(NodeAddress::getAddress)
        .findFirst().orElse(null);
    String kubelet = status == null || status.getNodeInfo() == null ? null : status.getNodeInfo().getKubeletVersion();
    Instant heartbeat = status == null || status.getConditions() == null ? null : status.getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst().map(c -> instant(c.getLastHeartbeatTime())).orElse(null);
    return new NodeStatus(node.getMetadata().getName(), ready, roles, internalIp, kubelet, heartbeat);
  }

  static PodStatus pod(Pod pod) {
    var status = pod.getStatus();
    List<ContainerStatus> statuses = status == null || status.getContainerStatuses() == null
        ? List.of() : status.getContainerStatuses();
    // Containers from the spec, so a pod whose containers have not started still lists them.
    List<PodStatus.Container> containers = pod.getSpec().getContainers().stream()
        .map(c -> {
          Optional<ContainerStatus> s = statuses.stream().filter(cs -> c.getName().equals(cs.getName())).findFirst();
          return new PodStatus.Container(c.getName(), c.getImage(),
              s.map(cs -> Boolean.TRUE.equals(cs.getReady())).orElse(false),
              s.map(cs -> cs.getRestartCount() == null ? 0 : cs.getRestartCount()).orElse(0),
              s.map(ContainerStatus::getState)
                  .map(state -> state.getRunning() == null ? null : instant(state.getRunning().getStartedAt()))
                  .orElse(null));
        })
        .collect(Collectors.toList());
    return new PodStatus(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), pod.getSpec().getNodeName(),
        status == null ? null : status.getPhase(), status == null ? null : status.getPodIP(), containers);
  }

  /** An RFC 3339 time as the API writes it, or null when absent or unreadable. */
  static Instant instant(String time) {
    if (time == null || time.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(time).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static EventInfo event(Event event) {
    String lastSeen = event.getLastTimestamp() != null ? event.getLastTimestamp()
        : event.getEventTime() != null ? event.getEventTime().getTime()
        : event.getMetadata().getCreationTimestamp();
    var object = event.getInvolvedObject();
    String involved = object == null ? "" : (object.getKind() == null ? "" : object.getKind().toLowerCase() + "/")
        + (object.getName() == null ? "" : object.getName());
    return new EventInfo(event.getMetadata().getNamespace(), lastSeen, event.getType(), event.getReason(), involved,
        event.getCount() == null ? 1 : event.getCount(), event.getMessage());
  }

  /** The API server's own message when there is one (e.g. "pods \"x\" not found"). */
  static String message(RuntimeException e) {
    if (e instanceof KubernetesClientException) {
      KubernetesClientException k = (KubernetesClientException) e;
      if (k.getStatus() != null && k.getStatus().getMessage() != null) {
        return k.getStatus().getMessage() + " (HTTP " + k.getCode() + ")";
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
  }
}
