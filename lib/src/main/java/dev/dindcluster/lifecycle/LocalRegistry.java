package dev.dindcluster.lifecycle;

import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.LocalRegistryPlan;
import dev.dindcluster.plan.NodePlan;
import java.time.Duration;
import java.util.List;

/**
 * The local registry's steps (empty lists without DIND_LOCAL_REGISTRY_PORT): start its container
 * when missing, then point every node's {@code 127.0.0.1:<port>} at it.
 *
 * <p>Why an address rewrite and not runtime configuration: dockerd has no per-registry mirror, and
 * both dockerd and containerd already speak plain HTTP to a registry on 127.0.0.1. So each node
 * rewrites its own outgoing connections to {@code 127.0.0.1:<port>} (iptables DNAT in the node's
 * network namespace, with {@code route_localnet} set when the node container is created), and a pod
 * uses the very image name the host pushed. Nothing on the host changes.
 */
final class LocalRegistry {
  static final String IMAGE_LABEL = "dev.dindcluster.registry";
  private static final String READY_CHECK = "exec 3<>/dev/tcp/127.0.0.1/" + LocalRegistryPlan.CONTAINER_PORT;

  private LocalRegistry() {}

  /** After the network exists. */
  static List<Action> start(ClusterPlan plan) {
    if (plan.localRegistryPlan().isEmpty()) {
      return List.of();
    }
    LocalRegistryPlan registry = plan.localRegistryPlan().get();
    return List.of(Action.of("Starting the local registry " + registry.containerName() + " on 127.0.0.1:" + registry.hostPort()
        + " (when missing)", s -> {
      var labels = s.runtime().imageLabels(SupportContainers.IMAGE);
      if (labels.isEmpty() || !labels.get().containsKey(IMAGE_LABEL)) {
        throw new LifecycleFailure("support image '" + SupportContainers.IMAGE + "' " + (labels.isEmpty()
            ? "is not in the local engine and nothing is pulled" : "was built without the registry")
            + " (DIND_LOCAL_REGISTRY_PORT needs it). Build it: scripts/build-support-image");
      }
      SupportContainers.ensure(s, SupportContainers.registry(s.plan()), "bash -c '" + READY_CHECK + "'");
    }));
  }

  /** After the nodes started, and on every restore: the rules live in the node's network namespace. */
  static List<Action> routeNodes(ClusterPlan plan, List<NodePlan> nodes) {
    if (plan.localRegistryPlan().isEmpty()) {
      return List.of();
    }
    return List.of(Action.of("Pointing 127.0.0.1:" + plan.localRegistryPlan().get().hostPort() + " on the nodes at the local registry", s -> {
      String script = nodeRules(s.plan().localRegistryPlan().orElseThrow());
      Parallel.forEach(nodes, node -> NodeOps.run(s.runtime(), node.name(), Duration.ofSeconds(20), "sh", "-c", script));
    }));
  }

  /** Idempotent iptables rules (checked with -C before added): DNAT out, and a source the registry can answer. */
  static String nodeRules(LocalRegistryPlan registry) {
    String to = registry.address() + ":" + LocalRegistryPlan.CONTAINER_PORT;
    String dnat = "OUTPUT -d 127.0.0.1/32 -p tcp --dport " + registry.hostPort() + " -j DNAT --to-destination " + to
        + " -m comment --comment dind-local-registry";
    String snat = "POSTROUTING -s 127.0.0.1/32 -d " + registry.address() + "/32 -p tcp --dport " + LocalRegistryPlan.CONTAINER_PORT
        + " -j MASQUERADE -m comment --comment dind-local-registry";
    return "set -e; "
        + "iptables -t nat -C " + dnat + " 2>/dev/null || iptables -t nat -A " + dnat + "; "
        + "iptables -t nat -C " + snat + " 2>/dev/null || iptables -t nat -A " + snat;
  }
}
