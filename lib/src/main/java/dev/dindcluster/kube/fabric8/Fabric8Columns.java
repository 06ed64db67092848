package dev.dindcluster.kube.fabric8;

import dev.dindcluster.kube.fabric8.Fabric8Objects.Columns;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** kubectl's {@code -o wide} columns per kind, computed from the objects as its printers do. */
final class Fabric8Columns {
  private static final String ROLE_PREFIX = "node-role.kubernetes.io/";

  private Fabric8Columns() {}

  static Columns pod(Pod pod) {
    var status = pod.getStatus();
    List<ContainerStatus> statuses = status == null || status.getContainerStatuses() == null
        ? List.of() : status.getContainerStatuses();
    long ready = statuses.stream().filter(s -> Boolean.TRUE.equals(s.getReady())).count();
    int restarts = statuses.stream().mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount()).sum();
    return new Columns(pod)
        .add("READY", ready + "/" + pod.getSpec().getContainers().size())
        .add("STATUS", podStatus(pod, statuses))
        .add("RESTARTS", restarts)
        .age()
        .add("IP", status == null ? null : status.getPodIP())
        .add("NODE", pod.getSpec().getNodeName());
  }

  /** The phase, overridden by a waiting or terminated container's reason, or Terminating (kubectl's rule). */
  private static String podStatus(Pod pod, List<ContainerStatus> statuses) {
    var status = pod.getStatus();
    String reason = status == null ? null : status.getReason() != null ? status.getReason() : status.getPhase();
    for (ContainerStatus s : statuses) {
      var state = s.getState();
      if (state == null) {
        continue;
      }
      if (state.getWaiting() != null && state.getWaiting().getReason() != null) {
        reason = state.getWaiting().getReason();
      } else if (state.getTerminated() != null) {
        var terminated = state.getTerminated();
        reason = terminated.getReason() != null ? terminated.getReason()
            : terminated.getSignal() != null && terminated.getSignal() != 0 ? "Signal:" + terminated.getSignal()
            : "ExitCode:" + terminated.getExitCode();
      }
    }
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      reason = "Terminating";
    }
    return reason == null ? "Unknown" : reason;
  }

  static Columns service(Service service) {
    var spec = service.getSpec();
    List<String> ports = new ArrayList<>();
    for (ServicePort port : spec.getPorts() == null ? List.<ServicePort>of() : spec.getPorts()) {
      ports.add(port.getPort() + (port.getNodePort() != null && port.getNodePort() != 0 ? ":" + port.getNodePort() : "")
          + "/" + Objects.requireNonNullElse(port.getProtocol(), "TCP"));
    }
    return new Columns(service)
        .add("TYPE", spec.getType())
        .add("CLUSTER-IP", spec.getClusterIP())
        .add("EXTERNAL-IP", externalIp(service))
        .add("PORT(S)", Fabric8Objects.join(ports))
        .age()
        .add("SELECTOR", Fabric8Objects.labels(spec.getSelector()));
  }

  private static String externalIp(Service service) {
    List<String> ips = new ArrayList<>();
    if (service.getSpec().getExternalIPs() != null) {
      ips.addAll(service.getSpec().getExternalIPs());
    }
    if ("LoadBalancer".equals(service.getSpec().getType())) {
      var balancer = service.getStatus() == null ? null : service.getStatus().getLoadBalancer();
      if (balancer != null && balancer.getIngress() != null) {
        balancer.getIngress().forEach(i -> ips.add(i.getIp() != null ? i.getIp() : i.getHostname()));
      }
      if (ips.isEmpty()) {
        return "<pending>";
      }
    }
    return Fabric8Objects.join(ips);
  }

  static Columns daemonSet(DaemonSet set) {
    var status = set.getStatus();
    var nodeSelector = set.getSpec().getTemplate().getSpec() == null ? null : set.getSpec().getTemplate().getSpec().getNodeSelector();
    return new Columns(set)
        .add("DESIRED", status == null ? 0 : zero(status.getDesiredNumberScheduled()))
        .add("CURRENT", status == null ? 0 : zero(status.getCurrentNumberScheduled()))
        .add("READY", status == null ? 0 : zero(status.getNumberReady()))
        .add("UP-TO-DATE", status == null ? 0 : zero(status.getUpdatedNumberScheduled()))
        .add("AVAILABLE", status == null ? 0 : zero(status.getNumberAvailable()))
        .add("NODE SELECTOR", Fabric8Objects.labels(nodeSelector))
        .age()
        .template(set.getSpec().getTemplate(), set.getSpec().getSelector());
  }

  static Columns deployment(Deployment deployment) {
    var status = deployment.getStatus();
    return new Columns(deployment)
        .add("READY", (status == null ? 0 : zero(status.getReadyReplicas())) + "/" + zero(deployment.getSpec().getReplicas()))
        .add("UP-TO-DATE", status == null ? 0 : zero(status.getUpdatedReplicas()))
        .add("AVAILABLE", status == null ? 0 : zero(status.getAvailableReplicas()))
        .age()
        .template(deployment.getSpec().getTemplate(), deployment.getSpec().getSelector());
  }

  static Columns replicaSet(ReplicaSet set) {
    var status = set.getStatus();
    return new Columns(set)
        .add("DESIRED", zero(set.getSpec().getReplicas()))
        .add("CURRENT", status == null ? 0 : zero(status.getReplicas()))
        .add("READY", status == null ? 0 : zero(status.getReadyReplicas()))
        .age()
        .template(set.getSpec().getTemplate(), set.getSpec().getSelector());
  }

  static Columns node(Node node) {
    var status = node.getStatus();
    boolean ready = status != null && status.getConditions() != null && status.getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    String state = (ready ? "Ready" : "NotReady")
        + (Boolean.TRUE.equals(node.getSpec() == null ? null : node.getSpec().getUnschedulable()) ? ",SchedulingDisabled" : "");
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    String roles = Fabric8Objects.join(labels.keySet().stream()
        .filter(k -> k.startsWith(ROLE_PREFIX)).map(k -> k.substring(ROLE_PREFIX.length())).sorted().toList());
    var info = status == null ? null : status.getNodeInfo();
    return new Columns(node)
        .add("STATUS", state)
        .add("ROLES", roles)
        .age()
        .add("VERSION", info == null ? null : info.getKubeletVersion())
        .add("INTERNAL-IP", address(node, "InternalIP"))
        .add("EXTERNAL-IP", address(node, "ExternalIP"))
        .add("OS-IMAGE", info == null ? null : info.getOsImage())
        .add("KERNEL-VERSION", info == null ? null : info.getKernelVersion())
        .add("CONTAINER-RUNTIME", info == null ? null : info.getContainerRuntimeVersion());
  }

  private static String address(Node node, String type) {
    if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
      return null;
    }
    return Fabric8Objects.join(node.getStatus().getAddresses().stream()
        .filter(a -> type.equals(a.getType())).map(NodeAddress::getAddress).toList());
  }

  private static int zero(Integer value) {
    return value == null ? 0 : value;
  }
}
