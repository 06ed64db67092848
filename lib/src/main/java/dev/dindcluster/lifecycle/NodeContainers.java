package dev.dindcluster.lifecycle;

import dev.dindcluster.net.ClusterAddressing;
import dev.dindcluster.net.IpFamily;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.NodePlan;
import dev.dindcluster.runtime.NodeSecurity;
import dev.dindcluster.runtime.NodeSpec;
import dev.dindcluster.runtime.PortMapping;

/**
 * Node containers described as data (kind's spirit), per the node-image contract: systemd as PID 1
 * with its stop signal, all state on one volume at /var, tmpfs where systemd wants it, and either
 * privileged or — on hosts without CAP_SYS_RESOURCE — everything but that capability.
 */
public final class NodeContainers {
  /** Where the node volume is mounted: kubelet, the inner runtime, /etc/kubernetes (symlinked) all live under it. */
  public static final String STATE_MOUNT = "/var";

  private NodeContainers() {}

  public static NodeSpec spec(ClusterPlan plan, NodePlan node, NodeSecurity security) {
    NodeSpec.Builder spec =
        NodeSpec.builder(node.name(), plan.image())
            .hostname(node.name())
            .labels(ClusterLabels.node(plan, node.role().jsonName))
            .network(plan.network().name())
            .mount(node.volume(), STATE_MOUNT)
            .tmpfs("/run")
            .tmpfs("/run/lock")
            .tmpfs("/tmp")
            .security(security)
            .stopSignal("SIGRTMIN+3")
            .cgroupnsPrivate(true)
            .device("/dev/kmsg")
            .env("container", "docker")
            .env("DIND_NODE_NAME", node.name())
            // A worker leaves the control plane's images unloaded (the node image's dind-load-images).
            .env("DIND_NODE_ROLE", node.role().jsonName)
            .env("IP_MODE", plan.ipMode().knobValue)
            // The node's entrypoint starts the runtime kubelet is pointed at (docker or containerd).
            .env("DIND_CRI", plan.options().dindCri());
    node.ip(IpFamily.IPV4).ifPresent(ip -> spec.ipv4(ip.toString()));
    node.ip(IpFamily.IPV6).ifPresent(ip -> spec.ipv6(ip.toString()));
    if (plan.ipMode() != dev.dindcluster.net.IpMode.IPV4) {
      spec.sysctl("net.ipv6.conf.all.disable_ipv6", "0");
      spec.sysctl("net.ipv6.conf.all.forwarding", "1");
    }
    spec.sysctl("net.ipv4.ip_forward", "1");
    if (plan.localRegistryPlan().isPresent()) {
      // Lets the node rewrite 127.0.0.1:<port> to the local registry (see LocalRegistry).
      spec.sysctl("net.ipv4.conf.all.route_localnet", "1");
    }
    if (node.role() == NodePlan.Role.MASTER) {
      // Secure port only, on loopback: never the original's insecure 8080 on all interfaces.
      spec.port(new PortMapping(
          plan.apiServer().bindAddress().toString(), plan.apiServer().port(), ClusterAddressing.INTERNAL_APISERVER_PORT));
    } else {
      for (String extra : plan.options().extraPorts()) {
        // Validated when planned: parsing cannot fail here.
        dev.dindcluster.plan.PortSpec port = dev.dindcluster.plan.PortSpec.parse(extra);
        spec.port(new PortMapping(port.hostIp(), port.hostPort(), port.containerPort(), port.protocol()));
      }
    }
    return spec.build();
  }
}
