package dev.dindcluster.plan;

import dev.dindcluster.format.DataFormat;
import dev.dindcluster.k8s.ComponentImages;
import dev.dindcluster.k8s.KubeadmApi;
import dev.dindcluster.k8s.NodeBase;
import dev.dindcluster.k8s.ReleaseDigests;
import dev.dindcluster.net.ClusterAddressing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable plan printed by {@code plan --json}. The keys the issue names come first
 * and keep their names; addresses and CIDRs are canonical text (RFC 5952 for IPv6), IPv4 first.
 */
public final class PlanJson {
  private PlanJson() {}

  public static String toJson(ClusterPlan plan) {
    return DataFormat.JSON.write(tree(plan));
  }

  /** The plan as ordered maps and lists (also what {@link PlanText} prints). */
  public static Map<String, Object> tree(ClusterPlan plan) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("ipMode", plan.ipMode().knobValue);
    root.put("clusterId", plan.clusterId());
    root.put("label", plan.label());
    root.put("suffix", plan.suffix());
    root.put("context", plan.context());
    Map<String, Object> network = new LinkedHashMap<>();
    network.put("name", plan.network().name());
    network.put("cidrs", strings(plan.network().cidrs()));
    network.put("gateways", strings(plan.network().gateways()));
    root.put("network", network);
    root.put("nodes", plan.nodes().stream().map(PlanJson::node).toList());
    root.put("podNetworkCidrs", strings(plan.podNetworkCidrs()));
    root.put("serviceCidr", plan.serviceCidr().toString());
    root.put("dnsServiceIp", plan.dnsServiceIp().toString());
    root.put("advertiseAddress", plan.advertiseAddress().toString());
    Map<String, Object> apiServer = new LinkedHashMap<>();
    apiServer.put("bindAddress", plan.apiServer().bindAddress().toString());
    apiServer.put("port", plan.apiServer().port());
    apiServer.put("internalPort", ClusterAddressing.INTERNAL_APISERVER_PORT);
    root.put("apiServer", apiServer);
    root.put("image", plan.image());
    plan.nat64Plan().ifPresent(n -> root.put("nat64", nat64(n)));
    plan.localRegistryPlan().ifPresent(r -> {
      Map<String, Object> registry = new LinkedHashMap<>();
      registry.put("container", r.containerName());
      registry.put("address", r.address().toString());
      r.ipv6().ifPresent(v6 -> registry.put("ipv6Address", v6.toString()));
      registry.put("hostPort", r.hostPort());
      registry.put("imagePrefix", r.imagePrefix());
      root.put("localRegistry", registry);
    });
    root.put("kubernetesVersion", plan.kubernetesVersion());
    root.put("kubernetes", kubernetes(plan));
    root.put("randomClusterId", plan.randomClusterId());
    root.put("useContext", plan.useContext());
    root.put("serviceNetMode", plan.serviceFamily().modeName);
    root.put("cniPlugin", plan.cniPlugin().knobValue);
    root.put("numNodes", plan.numNodes());
    root.put("supportLabel", plan.naming().supportLabel());
    root.put("options", options(plan.options()));
    return root;
  }

  private static Map<String, Object> kubernetes(ClusterPlan plan) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("version", plan.kubernetesVersion());
    map.put("kubeadmApi", KubeadmApi.forVersion(plan.version()).apiVersion());
    map.put("nodeRuntime", plan.options().dindCri());
    map.put("dnsAddon", ComponentImages.dnsAddonName(plan.version()));
    map.put("images", plan.componentImages().stream().map(ComponentImages.Image::nodeRef).toList());
    Map<String, Object> release = new LinkedHashMap<>();
    release.put("tarball", plan.options().release().tarballUrl(plan.kubernetesVersion()));
    release.put("registry", plan.options().release().registry());
    release.put("cacheDir", plan.options().release().cacheDir());
    release.put("nodeBase", NodeBase.forVersion(plan.version()).image);
    release.put("pinnedSha256", ReleaseDigests.serverTarballSha256(plan.version()).orElse(null));
    release.put("nodeImagePull", plan.options().release().nodeImagePull(plan.image()).orElse(null));
    map.put("release", release);
    return map;
  }

  private static Map<String, Object> node(NodePlan node) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", node.name());
    map.put("role", node.role().jsonName);
    map.put("nodeId", node.nodeId());
    map.put("ips", strings(node.ips()));
    map.put("podCidrs", strings(node.podCidrs()));
    map.put("volume", node.volume());
    map.put("zone", node.zone().orElse(null));
    map.put("labels", node.labels());
    map.put("taints", node.taints().stream().map(Taint::toString).toList());
    return map;
  }

  private static Map<String, Object> nat64(Nat64Plan n) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("v4Prefix", n.v4Prefix());
    map.put("serverIp", n.serverIp().toString());
    map.put("dnsServerIp", n.dnsServerIp().toString());
    map.put("dns64PrefixCidr", n.dns64PrefixCidr().toString());
    map.put("v4Subnet", n.v4Subnet().toString());
    map.put("v4Address", n.v4Address().toString());
    map.put("v4DynamicPool", n.v4DynamicPool().toString());
    map.put("remoteDns64V4Server", n.remoteDns64V4Server().toString());
    map.put("dns64Container", n.dns64ContainerName());
    map.put("nat64Container", n.nat64ContainerName());
    return map;
  }

  private static Map<String, Object> options(ClusterOptions o) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("useHairpin", o.useHairpin());
    map.put("allowAaaaUse", o.allowAaaaUse());
    map.put("featureGates", o.featureGates());
    map.put("kubeletFeatureGates", o.kubeletFeatureGates());
    map.put("apiserverExtraArgs", o.apiserverExtraArgs());
    map.put("controllerManagerExtraArgs", o.controllerManagerExtraArgs());
    map.put("schedulerExtraArgs", o.schedulerExtraArgs());
    map.put("dindCri", o.dindCri());
    map.put("criSocket", o.criSocket());
    map.put("dnsService", o.dnsService());
    map.put("storageDriver", o.storageDriver());
    map.put("skipSnapshot", o.skipSnapshot());
    map.put("skipDashboard", o.skipDashboard());
    map.put("portForwarder", o.portForwarder());
    map.put("extraPorts", o.extraPorts());
    map.put("customNetworks", o.customNetworks());
    map.put("e2eReportDir", o.e2eReportDir());
    map.put("noParallelE2e", o.noParallelE2e());
    return map;
  }

  private static List<String> strings(List<?> values) {
    return values.stream().map(Object::toString).toList();
  }
}
