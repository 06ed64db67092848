package dev.dindcluster.plan;

import dev.dindcluster.cni.CniPlugin;
import dev.dindcluster.config.Settings;
import dev.dindcluster.net.Cidr;
import dev.dindcluster.net.CidrLists;
import dev.dindcluster.net.ClusterAddressing;
import dev.dindcluster.net.IpFamily;
import dev.dindcluster.net.IpMode;
import dev.dindcluster.net.PodCidrs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The cluster pod CIDRs (never cluster-id dependent), validated per family. */
final class PodNetworkRules {
  private PodNetworkRules() {}

  /** @param cni null when CNI_PLUGIN itself is invalid (then the plugin checks are skipped) */
  static List<Cidr> resolve(Settings settings, IpMode mode, CniPlugin cni, Findings findings) {
    String text = settings.nonEmpty("POD_NETWORK_CIDR").orElse(null);
    CniPlugin forDefaults = cni == null ? CniPlugin.BRIDGE : cni;
    List<String> entries;
    try {
      entries = CidrLists.arrange(CidrLists.split(text), mode,
          Map.of(IpFamily.IPV4, forDefaults.defaultIpv4PodCidr(), IpFamily.IPV6, ClusterAddressing.DEFAULT_POD_IPV6));
    } catch (IllegalArgumentException e) {
      findings.problem("POD_NETWORK_CIDR", text, "must be " + e.getMessage());
      return null;
    }
    List<Cidr> result = new ArrayList<>();
    for (String entry : entries) {
      Cidr cidr = check(entry, cni, findings);
      if (cidr != null) {
        result.add(cidr);
      }
    }
    return result.size() == entries.size() ? result : null;
  }

  private static Cidr check(String entry, CniPlugin cni, Findings findings) {
    Cidr cidr;
    try {
      cidr = Cidr.parse(entry);
    } catch (IllegalArgumentException e) {
      findings.problem("POD_NETWORK_CIDR", entry, "must be a CIDR such as "
          + ClusterAddressing.DEFAULT_POD_IPV4 + " or " + ClusterAddressing.DEFAULT_POD_IPV6 + ": " + e.getMessage());
      return null;
    }
    boolean ok = true;
    if (cidr.family() == IpFamily.IPV4 && cidr.prefixLength() != 16) {
      findings.problem("POD_NETWORK_CIDR", entry,
          "For IPv4 CIDRs, the size must be /16. Have '" + entry + "' (node id i gets a.b.i.0/24)");
      ok = false;
    }
    if (cidr.family() == IpFamily.IPV6) {
      if (cni != null && !cni.supportsIpv6Pods()) {
        findings.problem("CNI_PLUGIN", cni.knobValue,
            "IPv6 pod networks are only supported by bridge and PTP CNI plugins (pod network " + entry + ")");
        ok = false;
      }
      if (cidr.prefixLength() > PodCidrs.MAX_IPV6_PREFIX) {
        findings.problem("POD_NETWORK_CIDR", entry, "an IPv6 pod CIDR must be /" + PodCidrs.MAX_IPV6_PREFIX
            + " or shorter: each node gets the next 8 bits (/L+8)");
        ok = false;
      }
    }
    if (cidr.hasHostBits()) {
      findings.problem("POD_NETWORK_CIDR", entry, "has host bits set; did you mean " + cidr.network() + "?");
      ok = false;
    }
    return ok ? cidr : null;
  }
}
