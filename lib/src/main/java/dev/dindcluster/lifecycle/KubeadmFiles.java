package dev.dindcluster.lifecycle;

import dev.dindcluster.k8s.ComponentImages;
import dev.dindcluster.net.Cidr;
import dev.dindcluster.net.ClusterAddressing;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.NodePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files kubeadm gets for a plan: what {@code up} writes into the nodes and
 * {@code plan --kubeadm-config} prints, from one place.
 */
public final class KubeadmFiles {
  private KubeadmFiles() {}

  /** Where kubeadm's configuration is written in a node (not /tmp: the engine cannot copy into a tmpfs mount). */
  public static final String CONFIG_PATH = "/etc/kubeadm.yaml";
  /** Stand-ins for what exists only once the cluster runs. */
  public static final String TOKEN_PLACEHOLDER = "abcdef.0123456789abcdef";
  public static final String CA_HASH_PLACEHOLDER = "sha256:<hash of the cluster CA, known after kubeadm init>";

  /** kubeadm init's inputs for this plan; {@code plan --kubeadm-config} renders the same. */
  public static KubeadmConfig.Init initInputs(ClusterPlan plan, String bootstrapToken) {
    NodePlan master = plan.master();
    List<String> sans = new ArrayList<>(List.of("127.0.0.1", "::1", "localhost", master.name()));
    master.ips().forEach(ip -> sans.add(ip.toString()));
    return new KubeadmConfig.Init(
        plan.version(), ComponentImages.NODE_REPOSITORY, master.name(), plan.advertiseAddress().toString(),
        nodeIps(plan, master), bootstrapToken, sans,
        plan.serviceCidr().toString(), plan.podNetworkCidrs().stream().map(Cidr::toString).toList(),
        !plan.cniPlugin().perNodeRoutes, plan.dnsServiceIp().toString(), plan.numNodes() == 0,
        plan.ipMode() == dev.dindcluster.net.IpMode.DUAL_STACK,
        plan.options().apiserverExtraArgs(), plan.options().controllerManagerExtraArgs(),
        plan.options().schedulerExtraArgs(), plan.options().featureGates() == null ? "none" : plan.options().featureGates(),
        plan.options().kubeletFeatureGates() == null ? "none" : plan.options().kubeletFeatureGates(),
        plan.options().criSocket(), master.labels(), master.taints());
  }

  /** kubeadm join's inputs for one worker of this plan. */
  public static KubeadmConfig.Join joinInputs(ClusterPlan plan, NodePlan node, String bootstrapToken, String caCertHash) {
    return new KubeadmConfig.Join(plan.version(), node.name(), nodeIps(plan, node),
        KubeadmConfig.hostPort(plan.advertiseAddress().toString(), ClusterAddressing.INTERNAL_APISERVER_PORT), bootstrapToken, caCertHash,
        plan.options().criSocket(), node.labels(), node.taints());
  }

  /** /etc/default/kubelet for kubeadms before 1.11; empty for later ones. */
  public static Optional<String> legacyKubeletDefaults(ClusterPlan plan, NodePlan node) {
    return KubeadmConfig.legacyKubeletDefaults(plan.version(), nodeIps(plan, node),
        plan.dnsServiceIp().toString(), plan.pauseImage().nodeRef(), node.labels(), node.taints());
  }

  /**
   * kubelet's --node-ip: the node's addresses, the service family's first. kubelet lists a node's
   * InternalIPs in this order, and whatever takes "the node's address" (NodePorts, the conformance
   * specs, hostNetwork pods' first podIP) takes the first; in a dual-stack cluster whose services are
   * IPv6 that must be the IPv6 one, or a NodePort reached at the node's first address never answers.
   */
  static List<String> nodeIps(ClusterPlan plan, NodePlan node) {
    return node.ips().stream()
        .sorted(java.util.Comparator.comparing(ip -> ip.family() == plan.serviceFamily() ? 0 : 1))
        .map(Object::toString).toList();
  }

  /** Every file up writes for kubeadm, each under a comment naming the node and path. */
  public static String preview(ClusterPlan plan) {
    StringBuilder out = new StringBuilder();
    NodePlan master = plan.master();
    out.append("# ").append(master.name()).append(':').append(CONFIG_PATH).append(" (kubeadm init)\n");
    out.append(KubeadmConfig.init(initInputs(plan, TOKEN_PLACEHOLDER)));
    legacyKubeletDefaults(plan, master).ifPresent(d -> out.append("# ").append(master.name()).append(":/etc/default/kubelet\n")
        .append(comment(d)));
    for (NodePlan node : plan.workers()) {
      out.append("---\n# ").append(node.name()).append(':').append(CONFIG_PATH).append(" (kubeadm join)\n");
      out.append(KubeadmConfig.join(joinInputs(plan, node, TOKEN_PLACEHOLDER, CA_HASH_PLACEHOLDER)));
      legacyKubeletDefaults(plan, node).ifPresent(d -> out.append("# ").append(node.name()).append(":/etc/default/kubelet\n")
          .append(comment(d)));
    }
    return out.toString();
  }

  /** A non-YAML file inside the YAML stream, as comment lines, so the stream still parses. */
  private static String comment(String text) {
    StringBuilder out = new StringBuilder();
    text.lines().forEach(line -> out.append("#   ").append(line).append('\n'));
    return out.toString();
  }
}
