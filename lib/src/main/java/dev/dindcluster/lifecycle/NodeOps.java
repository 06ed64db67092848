package dev.dindcluster.lifecycle;

import dev.dindcluster.net.Cidr;
import dev.dindcluster.net.IpFamily;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.NodePlan;
import dev.dindcluster.runtime.ExecRequest;
import dev.dindcluster.runtime.ExecResult;
import dev.dindcluster.runtime.NodeRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the lifecycle does inside one node container, by exec (the node-image contract). */
final class NodeOps {
  /** Written on every node's volume once a bring-up completed: what `up` restores from. */
  static final String SNAPSHOT_MARKER = "/var/lib/dind/snapshot-ok";

  /** Written by the node's entrypoint at every boot: the runtime kubelet uses there (docker or containerd). */
  static final String CRI_FILE = "/run/dind/cri";
  /** containerd's namespace for CRI: where kubelet's images and containers live. */
  static final String CONTAINERD_NAMESPACE = "k8s.io";

  private NodeOps() {}

  /**
   * True when the node runs kubelet on containerd. Asked of the node itself rather than taken from
   * the plan: a later command (dump, copy-image) may run without the DIND_CRI the cluster came up
   * with. An image without the file (older builds) only has docker.
   */
  static boolean usesContainerd(NodeRuntime runtime, String node) {
    ExecResult result = runtime.exec(node, new ExecRequest(List.of("cat", CRI_FILE), Map.of(), Duration.ofSeconds(10)));
    return result.ok() && result.stdout().strip().equals("containerd");
  }

  /** Runs a command in the node; a non-zero exit is a failure naming the command with its output's tail. */
  static ExecResult run(NodeRuntime runtime, String node, Duration timeout, String... command) {
    ExecRequest request = new ExecRequest(List.of(command), Map.of(), timeout);
    return runtime.exec(node, request).orThrow(node, request);
  }

  /** systemd up, the inner runtime answering, the component images loaded. */
  static void waitBooted(NodeRuntime runtime, String node) {
    run(runtime, node, Duration.ofSeconds(150), "/usr/local/bin/dind-node-ready", "120");
  }

  /** Sysctls the pod network needs and, for bridge/ptp, the node's CNI configuration. */
  static void configurePodNetwork(ClusterPlan plan, NodeRuntime runtime, NodePlan node) {
    List<String> script = new ArrayList<>();
    script.add("sysctl -qw net.ipv4.ip_forward=1");
    script.add("sysctl -qw net.ipv4.conf.all.route_localnet=1");
    // Not every kernel namespaces br_netfilter's switches; kube-proxy works without them there.
    script.add("sysctl -qw net.bridge.bridge-nf-call-iptables=1 2>/dev/null || true");
    if (node.ip(IpFamily.IPV6).isPresent() || !node.podCidr(IpFamily.IPV6).isEmpty()) {
      script.add("sysctl -qw net.ipv6.conf.all.forwarding=1");
      script.add("sysctl -qw net.bridge.bridge-nf-call-ip6tables=1 2>/dev/null || true");
    }
    // kubelet and the CNI plugins need shared mount propagation for pod volumes.
    script.add("mount --make-rshared /");
    run(runtime, node.name(), Duration.ofSeconds(30), "sh", "-c", String.join(" && ", script));
    if (plan.cniPlugin().perNodeRoutes) {
      String conf = CniConfig.forNode(plan, node);
      run(runtime, node.name(), Duration.ofSeconds(10), "mkdir", "-p", "/etc/cni/net.d");
      runtime.writeFile(node.name(), CniConfig.FILE, conf.getBytes(StandardCharsets.UTF_8), 0644);
    }
  }

  /** Static routes to every other node's pod CIDRs via that node's address (bridge/ptp). */
  static void addPodRoutes(ClusterPlan plan, NodeRuntime runtime, NodePlan node) {
    List<String> commands = new ArrayList<>();
    for (NodePlan other : plan.nodes()) {
      if (other.name().equals(node.name())) {
        continue;
      }
      for (Cidr podCidr : other.podCidrs()) {
        IpFamily family = podCidr.family();
        other.ip(family).ifPresent(via -> commands.add(
            "ip " + (family == IpFamily.IPV6 ? "-6 " : "") + "route replace " + podCidr + " via " + via));
      }
    }
    if (!commands.isEmpty()) {
      run(runtime, node.name(), Duration.ofSeconds(30), "sh", "-c", String.join(" && ", commands));
    }
  }

  static String readText(NodeRuntime runtime, String node, String path) {
    // cat rather than the archive API: /etc/kubernetes is a symlink into the node's volume.
    return run(runtime, node, Duration.ofSeconds(20), "cat", path).stdout();
  }
}
