package dev.dindcluster.plan;

import dev.dindcluster.k8s.ComponentImages;
import dev.dindcluster.k8s.KubeadmApi;
import dev.dindcluster.k8s.NodeBase;
import dev.dindcluster.k8s.ReleaseDigests;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The plan for a person, printed by {@code plan}: the same content as the JSON, as indented lines. */
public final class PlanText {
  private PlanText() {}

  public static String toText(ClusterPlan plan) {
    StringBuilder out = new StringBuilder();
    out.append("Cluster ").append(plan.context()).append(" (").append(plan.ipMode()).append(", cluster id ")
        .append(plan.clusterId()).append(plan.randomClusterId() ? ", random" : "").append(")\n");
    out.append("  label: ").append(plan.label()).append('\n');
    out.append("  image: ").append(plan.image()).append(" (Kubernetes ").append(plan.kubernetesVersion()).append(")\n");
    out.append("  kubeadm: ").append(KubeadmApi.forVersion(plan.version()).apiVersion()).append(", node runtime ")
        .append(plan.options().dindCri()).append(", DNS add-on ").append(ComponentImages.dnsAddonName(plan.version()))
        .append(" (dind-cluster's own DNS when the node image has none)\n");
    out.append("  component images: ").append(plan.componentImages().stream().map(ComponentImages.Image::nodeRef)
        .collect(Collectors.joining(", "))).append('\n');
    var pull = plan.options().release().nodeImagePull(plan.image());
    if (pull.isPresent()) {
      out.append("  a missing image is pulled from: ").append(pull.get()).append('\n');
    } else {
      out.append("  release source (for a missing image): ").append(plan.options().release().tarballUrl(plan.kubernetesVersion()))
          .append(" checked against ").append(ReleaseDigests.serverTarballSha256(plan.version())
              .map(d -> "the pinned SHA-256 " + d.substring(0, 12) + "...").orElse("its published checksum"))
          .append(", registry ").append(plan.options().release().registry()).append('\n');
      NodeBase base = NodeBase.forVersion(plan.version());
      out.append("  node base (for a missing image): ").append(base.image).append(" (").append(base.description).append(")\n");
    }
    out.append("  network: ").append(plan.network().name()).append(' ').append(join(plan.network().cidrs()))
        .append(" gateway ").append(join(plan.network().gateways())).append('\n');
    out.append("  nodes (").append(plan.cniPlugin()).append(" CNI):\n");
    for (NodePlan node : plan.nodes()) {
      out.append(String.format("    %-8s %s  ip %s  pods %s  volume %s%n", node.role().jsonName, node.name(),
          join(node.ips()), join(node.podCidrs()), node.volume()));
      if (!node.labels().isEmpty() || !node.taints().isEmpty()) {
        out.append("             ").append(node.zone().map(z -> "zone " + z + "  ").orElse(""))
            .append(node.labels().isEmpty() ? "" : "labels " + node.labels().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(",")))
            .append(node.taints().isEmpty() ? "" : (node.labels().isEmpty() ? "" : "  ") + "taints " + node.taints().stream()
                .map(Taint::toString).collect(java.util.stream.Collectors.joining(",")))
            .append('\n');
      }
    }
    out.append("  pod network: ").append(join(plan.podNetworkCidrs())).append('\n');
    out.append("  services: ").append(plan.serviceCidr()).append(" (DNS ").append(plan.dnsServiceIp()).append(")\n");
    out.append("  advertise address: ").append(plan.advertiseAddress()).append('\n');
    String port = plan.apiServer().port() == 0 ? "a free port" : Integer.toString(plan.apiServer().port());
    out.append("  API server: ").append(plan.apiServer().bindAddress()).append(" on ").append(port)
        .append(" (kubectl context ").append(plan.context()).append(")\n");
    plan.nat64Plan().ifPresent(n -> out.append("  DNS64 ").append(n.dns64ContainerName()).append(' ')
        .append(n.dnsServerIp()).append(" prefix ").append(n.dns64PrefixCidr()).append("; NAT64 ")
        .append(n.nat64ContainerName()).append(' ').append(n.serverIp()).append(" and ").append(n.v4Address())
        .append(" (").append(n.v4Subnet()).append(")\n"));
    plan.localRegistryPlan().ifPresent(r -> out.append("  local registry: ").append(r.containerName()).append(' ')
        .append(r.address()).append(r.ipv6().map(v6 -> " " + v6).orElse("")).append(", host 127.0.0.1:").append(r.hostPort()).append(" (images ").append(r.imagePrefix())
        .append("/NAME:TAG)\n"));
    out.append("  options:\n");
    for (Map.Entry<String, Object> e : PlanJson.tree(plan).entrySet()) {
      if (e.getKey().equals("options")) {
        ((Map<?, ?>) e.getValue()).forEach((k, v) -> out.append("    ").append(k).append(": ").append(v).append('\n'));
      }
    }
    return out.toString();
  }

  private static String join(List<?> values) {
    return values.stream().map(Object::toString).collect(Collectors.joining(", "));
  }
}
