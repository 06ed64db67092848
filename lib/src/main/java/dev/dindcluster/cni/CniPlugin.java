package dev.dindcluster.cni;

import dev.dindcluster.net.ClusterAddressing;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** CNI_PLUGIN values the original accepted, with what the plan needs to know about each. */
public enum CniPlugin {
  BRIDGE("bridge", true),
  PTP("ptp", true),
  FLANNEL("flannel", false),
  CALICO("calico", false),
  CALICO_KDD("calico-kdd", false),
  WEAVE("weave", false),
  KUBE_ROUTER("kube-router", false);

  public final String knobValue;
  /**
   * bridge and ptp are the project's own per-node CNI config: they use the per-node pod CIDRs,
   * need static routes between nodes and are the only ones that can do IPv6 pods.
   */
  public final boolean perNodeRoutes;

  CniPlugin(String knobValue, boolean perNodeRoutes) {
    this.knobValue = knobValue;
    this.perNodeRoutes = perNodeRoutes;
  }

  public static Optional<CniPlugin> fromKnob(String value) {
    return Arrays.stream(values()).filter(p -> p.knobValue.equals(value)).findFirst();
  }

  public static String allowedValues() {
    return Arrays.stream(values()).map(p -> p.knobValue).collect(Collectors.joining(", "));
  }

  public boolean supportsIpv6Pods() {
    return perNodeRoutes;
  }

  /** The IPv4 default POD_NETWORK_CIDR: calico's manifests assume their own pool, the other plugins take any. */
  public String defaultIpv4PodCidr() {
    return this == CALICO || this == CALICO_KDD
        ? ClusterAddressing.DEFAULT_POD_IPV4_CALICO : ClusterAddressing.DEFAULT_POD_IPV4;
  }

  @Override
  public String toString() {
    return knobValue;
  }
}
