package dev.dindcluster.lifecycle;

import dev.dindcluster.net.Cidr;
import dev.dindcluster.net.IpFamily;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.Nat64Plan;
import dev.dindcluster.plan.NodePlan;
import dev.dindcluster.runtime.ContainerInfo;
import dev.dindcluster.runtime.NodeSpec;
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
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

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
      ensure(s, SupportContainers.nat64(s.plan(), security), "ip -o link show nat64 | grep -q ',UP'");
      ensure(s, SupportContainers.dns64(s.plan(), security), "dig +short +time=1 +tries=1 @::1 version.bind chaos txt | grep -q .");
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

  /**
   * Keeps a running container of this cluster with the same configuration; starts a stopped one;
   * replaces one whose configuration changed; refuses to touch a same-named container of someone else.
   */
  private static void ensure(ClusterSession s, NodeSpec spec, String readyCheck) {
    Optional<ContainerInfo> existing = s.runtime().findContainer(spec.name());
    if (existing.isPresent()) {
      var labels = existing.get().labels();
      if (!s.plan().label().equals(labels.get(ClusterLabels.SUPPORT))) {
        throw new ClusterStateException("container '" + spec.name() + "' exists but is not labelled "
            + ClusterLabels.SUPPORT + "=" + s.plan().label() + ": it is not ours, so it is left alone; remove or rename it");
      }
      if (spec.labels().get(SupportContainers.CONFIG_LABEL).equals(labels.get(SupportContainers.CONFIG_LABEL))) {
        if (!existing.get().running()) {
          s.runtime().startContainer(spec.name());
        }
        waitStarted(s, spec.name(), readyCheck);
        s.progress().detail("kept " + spec.name());
        return;
      }
      s.progress().detail(spec.name() + ": configuration changed, replacing it");
      s.runtime().removeContainer(spec.name());
    }
    s.runtime().createContainer(spec);
    s.ledger().container(spec.name());
    s.runtime().startContainer(spec.name());
    waitStarted(s, spec.name(), readyCheck);
    s.progress().detail("started " + spec.name());
  }

  private static void waitStarted(ClusterSession s, String name, String readyCheck) {
    Duration timeout = START_TIMEOUT.compareTo(s.options().readyTimeout()) < 0 ? START_TIMEOUT : s.options().readyTimeout();
    java.time.Instant deadline = s.clock().instant().plus(timeout);
    while (true) {
      var info = s.runtime().findContainer(name);
      if (info.isEmpty() || !info.get().running()) {
        throw new LifecycleFailure("support container '" + name + "' stopped right after its start; its output:\n"
            + tail(s.runtime().logs(name)));
      }
      if (s.runtime().exec(name, "sh", "-c", readyCheck).ok()) {
        return;
      }
      if (s.clock().instant().isAfter(deadline)) {
        throw new LifecycleFailure("support container '" + name + "' is not ready after " + timeout.toMillis()
            + " ms (check: " + readyCheck + "); its output:\n" + tail(s.runtime().logs(name)));
      }
      try {
        s.sleeper().sleep(Duration.ofMillis(200));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LifecycleFailure("interrupted while waiting for " + name, e);
      }
    }
  }

  private static String tail(String logs) {
    String[] lines = logs.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 15), lines.length));
  }
}
