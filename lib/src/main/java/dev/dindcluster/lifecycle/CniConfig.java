package dev.dindcluster.lifecycle;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The CNI configuration written into each node for the plugins that work offline: {@code bridge}
 * (the original's default: a per-node bridge plus static routes between nodes) and {@code ptp}.
 * Pod addresses come from host-local IPAM on the node's own pod CIDR(s); no masquerading, so pods
 * see each other's real addresses across nodes.
 */
public final class CniConfig {
  public static final String FILE = "/etc/cni/net.d/10-dindnet.conflist";
  static final String BRIDGE = "dind0";

  private CniConfig() {}

  /** The file for one node of the plan (bridge and ptp only: the plugins with per-node routes). */
  static String forNode(dev.dindcluster.plan.ClusterPlan plan, dev.dindcluster.plan.NodePlan node) {
    return render(plan.cniPlugin().knobValue, node.podCidrs().stream().map(Object::toString).toList(),
        plan.options().useHairpin());
  }

  /**
   * @param plugin "bridge" or "ptp"
   * @param nodePodCidrs this node's pod CIDRs, IPv4 first
   */
  public static String render(String plugin, List<String> nodePodCidrs, boolean hairpin) {
    String ranges =
        nodePodCidrs.stream()
            .map(cidr -> "[{\"subnet\": \"" + cidr + "\", \"gateway\": \"" + firstHost(cidr) + "\"}]")
            .collect(Collectors.joining(", "));
    String routes =
        nodePodCidrs.stream()
            .map(cidr -> cidr.contains(":") ? "{\"dst\": \"::/0\"}" : "{\"dst\": \"0.0.0.0/0\"}")
            .collect(Collectors.joining(", "));
    // bridge with isDefaultGateway adds the default route itself; listing it in IPAM too fails with
    // "file exists". ptp needs IPAM to add it.
    String ipamBridge = "\"ipam\": {\"type\": \"host-local\", \"ranges\": [" + ranges + "]}";
    String ipam = "\"ipam\": {\"type\": \"host-local\", \"ranges\": [" + ranges + "], \"routes\": [" + routes + "]}";
    String main =
        switch (plugin) {
          case "bridge" -> "{\"type\": \"bridge\", \"bridge\": \"" + BRIDGE + "\", \"isGateway\": true, "
              + "\"isDefaultGateway\": true, \"ipMasq\": false, \"hairpinMode\": " + hairpin + ", " + ipamBridge + "}";
          case "ptp" -> "{\"type\": \"ptp\", \"ipMasq\": false, " + ipam + "}";
          default -> throw new IllegalArgumentException(
              "CNI_PLUGIN '" + plugin + "' has no offline configuration: use bridge or ptp");
        };
    return "{\n  \"cniVersion\": \"0.4.0\",\n  \"name\": \"dindnet\",\n  \"plugins\": [\n    " + main
        + ",\n    {\"type\": \"portmap\", \"capabilities\": {\"portMappings\": true}}\n  ]\n}\n";
  }

  /** The gateway address of a pod CIDR: its network address + 1 (any valid textual form will do for CNI). */
  static String firstHost(String cidr) {
    String address = cidr.substring(0, cidr.indexOf('/'));
    try {
      // A literal address: InetAddress parses it without any name lookup.
      byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
      for (int i = bytes.length - 1; i >= 0 && ++bytes[i] == 0; i--) {
        // carry into the next byte
      }
      return java.net.InetAddress.getByAddress(bytes).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + address, e);
    }
  }
}
