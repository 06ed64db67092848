package dev.dindcluster.plan;

import dev.dindcluster.config.Settings;
import dev.dindcluster.net.Cidr;
import dev.dindcluster.net.CidrLists;
import dev.dindcluster.net.ClusterAddressing;
import dev.dindcluster.net.IpMode;
import java.math.BigInteger;
import java.util.List;

/** One service CIDR, whose family decides the loopback and which holds the DNS service IP ({@link ClusterAddressing#dnsServiceIp}). */
final class ServiceNetworkRules {
  private static final BigInteger MIN_SIZE = BigInteger.valueOf(16);
  /** kube-apiserver refuses a service range with more host bits than this (/12 for IPv4, /108 for IPv6). */
  static final int MAX_HOST_BITS = 20;

  private ServiceNetworkRules() {}

  static Cidr resolve(Settings settings, IpMode mode, Findings findings) {
    String text = settings.orDefault("SERVICE_CIDR", ClusterAddressing.defaultServiceCidr(mode));
    List<String> entries = CidrLists.split(text);
    if (entries.size() != 1) {
      findings.problem("SERVICE_CIDR", text, "must be a single CIDR (services use one family)");
      return null;
    }
    Cidr cidr;
    try {
      cidr = Cidr.parse(entries.get(0));
    } catch (IllegalArgumentException e) {
      findings.problem("SERVICE_CIDR", text, "must be a CIDR such as "
          + ClusterAddressing.DEFAULT_SERVICE_IPV4 + " or " + ClusterAddressing.DEFAULT_SERVICE_IPV6 + ": " + e.getMessage());
      return null;
    }
    if (mode != IpMode.DUAL_STACK && cidr.family() != mode.families().get(0)) {
      findings.problem("SERVICE_CIDR", text, "must be an " + mode.families().get(0).displayName
          + " CIDR in " + mode + " mode (the nodes have no " + cidr.family().displayName + " addresses)");
      return null;
    }
    if (cidr.hasHostBits()) {
      findings.problem("SERVICE_CIDR", text, "has host bits set; did you mean " + cidr.network() + "?");
      return null;
    }
    int hostBits = cidr.family().bits - cidr.prefixLength();
    if (hostBits > MAX_HOST_BITS) {
      findings.problem("SERVICE_CIDR", text, "is too large: kube-apiserver takes at most " + MAX_HOST_BITS + " host bits (/"
          + (cidr.family().bits - MAX_HOST_BITS) + " for " + cidr.family().displayName + ")");
      return null;
    }
    if (cidr.size().compareTo(MIN_SIZE) < 0) {
      findings.problem("SERVICE_CIDR", text, "is too small: at least 16 addresses are needed"
          + " (the DNS service IP is the network address + " + ClusterAddressing.DNS_SERVICE_OFFSET + ")");
      return null;
    }
    return cidr;
  }
}
