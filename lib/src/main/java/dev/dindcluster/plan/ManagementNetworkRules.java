package dev.dindcluster.plan;

import dev.dindcluster.config.Settings;
import dev.dindcluster.net.Cidr;
import dev.dindcluster.net.CidrLists;
import dev.dindcluster.net.ClusterAddressing;
import dev.dindcluster.net.ClusterIdInjection;
import dev.dindcluster.net.IpFamily;
import dev.dindcluster.net.IpMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Which management CIDRs, made cluster-specific by CLUSTER_ID. The original swallowed
 * list errors (the error text became the CIDR list); here each is a reported problem.
 */
final class ManagementNetworkRules {
  private ManagementNetworkRules() {}

  /** @return the CIDRs, IPv4 first, or null when a problem was recorded */
  static List<Cidr> resolve(Settings settings, IpMode mode, int clusterId, Findings findings) {
    String knob = "MGMT_CIDRS";
    String text = settings.nonEmpty("MGMT_CIDRS").orElse(null);
    if (text == null && settings.flag("DIND_SUBNET") && settings.flag("DIND_SUBNET_SIZE")) {
      knob = "DIND_SUBNET/DIND_SUBNET_SIZE";
      text = settings.raw("DIND_SUBNET") + "/" + settings.raw("DIND_SUBNET_SIZE");
    }
    List<String> given = CidrLists.split(text);
    List<String> entries;
    try {
      entries = CidrLists.arrange(given, mode, ClusterAddressing.defaultManagementCidrs());
    } catch (IllegalArgumentException e) {
      findings.problem(knob, text, "must be " + e.getMessage());
      return null;
    }
    List<Cidr> result = new ArrayList<>();
    for (String entry : entries) {
      Cidr cidr = inject(knob, entry, given.contains(entry), clusterId, findings);
      if (cidr != null) {
        result.add(cidr);
      }
    }
    return result.size() == entries.size() ? result : null;
  }

  private static Cidr inject(String knob, String entry, boolean userGiven, int clusterId, Findings findings) {
    Cidr written;
    ClusterIdInjection.Result injected;
    try {
      written = Cidr.parse(entry);
      injected = ClusterIdInjection.inject(entry, clusterId);
    } catch (IllegalArgumentException e) {
      findings.problem(knob, entry, "must be a CIDR such as " + ClusterAddressing.DEFAULT_MGMT_IPV4
          + " or " + ClusterAddressing.DEFAULT_MGMT_IPV6 + ": " + e.getMessage());
      return null;
    }
    Cidr cidr = injected.cidr();
    boolean v4 = cidr.family() == IpFamily.IPV4;
    if (!injected.injected()) {
      if (written.hasHostBits()) {
        findings.problem(knob, entry, "has host bits set; did you mean " + written.network() + "?");
        return null;
      }
      if (clusterId != 0) {
        findings.warning(knob + " '" + entry + "' is not "
            + (v4 ? "a /24" : "written as X::/n")
            + ", so CLUSTER_ID " + clusterId + " is not placed in it (as in the original):"
            + " clusters with different ids will collide on " + cidr);
      }
      return cidr;
    }
    if (v4) {
      if (userGiven && !written.equals(cidr)) {
        findings.warning(knob + " '" + entry + "': as in the original, a /24's third octet is CLUSTER_ID ("
            + clusterId + "), so " + cidr + " is used");
      }
      return cidr;
    }
    if (written.hasHostBits()) {
      findings.problem(knob, entry, "has host bits set; did you mean " + written.network() + "?");
      return null;
    }
    if (cidr.hasHostBits()) {
      findings.problem(knob, entry, "with CLUSTER_ID " + clusterId + " inserted as a hextet after the part before '::' it becomes "
          + cidr.address() + "/" + cidr.prefixLength() + ", whose id lies outside the /" + cidr.prefixLength()
          + " prefix: use a longer prefix or fewer hextets before '::'");
      return null;
    }
    return cidr;
  }
}
