package dev.dindcluster.lifecycle;

import dev.dindcluster.net.Cidr;
import dev.dindcluster.net.IpFamily;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.Nat64Plan;
import dev.dindcluster.plan.NodePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ipv6 mode's own steps (empty lists in the other modes): start the DNS64/NAT64 support
 * containers when missing, then route between them and the nodes — each node sends the DNS64
 * prefix to the NAT64 gateway and resolves through the DNS64 server; both support containers get
 * routes back to every node's pod CIDR, so pods can use them directly.
 */
final class Ipv6Setup {

  private Ipv6Setup() {}

  /** After the network exists: tayga first (bind9 forwards through it). */
  static List<Action> supportContainers(ClusterPlan plan) {
    if (plan.nat64Plan().isEmpty()) {
      return List.of();
    }
    return List.of(Action.of("Starting DNS64/NAT64 support containers (when missing)", s -> {
      if (!s.runtime().imageExists(SupportContainers.IMAGE)) {
        throw new LifecycleFailure("support image '" + SupportContainers.IMAGE + "' (bind9 and tayga for IP_MODE=ipv6) is not"
            + " in the local engine and nothing is pulled. Build it: scripts/build-support-image");
      }
      var security = s.engine().nodeSecurity();
      SupportContainers.ensure(s, SupportContainers.nat64(s.plan(), security), "ip -o link show nat64 | grep -q ',UP'");
      SupportContainers.ensure(s, SupportContainers.dns64(s.plan(), security), "dig +short +time=1 +tries=1 @::1 version.bind chaos txt | grep -q .");
    }));
  }

  /** After the nodes started (and on every restore: routes do not survive a container). */
  static List<Action> routeNodes(ClusterPlan plan, List<NodePlan> nodes) {
    if (plan.nat64Plan().isEmpty()) {
      return List.of();
    }
    return List.of(Action.of("Routing nodes and pods to DNS64/NAT64", s -> {
      Nat64Plan nat64 = s.plan().nat64Plan().orElseThrow();
      String resolvConf = "# dind-cluster: the cluster's DNS64 server (" + nat64.dns64ContainerName() + ")\n"
          + "nameserver " + nat64.dnsServerIp() + "\n";
      Parallel.forEach(nodes, node -> {
        NodeOps.run(s.runtime(), node.name(), Duration.ofSeconds(20), "ip", "-6", "route", "replace",
            nat64.dns64PrefixCidr().toString(), "via", nat64.serverIp().toString());
        // Written in place: the engine bind-mounts the file (pods with dnsPolicy Default inherit it).
        NodeOps.run(s.runtime(), node.name(), Duration.ofSeconds(20), "sh", "-c",
            "cat > /etc/resolv.conf <<'EOF'\n" + resolvConf + "EOF");
      });
      String routes = String.join(" && ", podRoutes(s.plan()));
      if (!routes.isEmpty()) {
        for (String container : List.of(nat64.nat64ContainerName(), nat64.dns64ContainerName())) {
          NodeOps.run(s.runtime(), container, Duration.ofSeconds(20), "sh", "-c", routes);
        }
      }
    }));
  }

  /** {@code ip -6 route replace <pod CIDR> via <node>} for every node of the plan. */
  static List<String> podRoutes(ClusterPlan plan) {
    List<String> commands = new ArrayList<>();
    for (NodePlan node : plan.nodes()) {
      Optional<Cidr> pods = node.podCidr(IpFamily.IPV6);
      var via = node.ip(IpFamily.IPV6);
      if (pods.isPresent() && via.isPresent()) {
        commands.add("ip -6 route replace " + pods.get() + " via " + via.get());
      }
    }
    return commands;
  }
}
