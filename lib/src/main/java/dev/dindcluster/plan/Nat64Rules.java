package dev.dindcluster.plan;

import dev.dindcluster.config.Settings;
import dev.dindcluster.naming.ClusterNaming;
import dev.dindcluster.net.Cidr;
import dev.dindcluster.net.ClusterAddressing;
import dev.dindcluster.net.IpAddress;
import dev.dindcluster.net.IpFamily;
import java.util.OptionalInt;
import java.util.Set;

/**
 * ipv6 mode only: the NAT64 IPv4 prefix (CLUSTER_ID added to the second octet and
 * range-checked numerically, where the original compared "10.x" as strings), the DNS64 prefix and
 * the support containers' addresses.
 */
final class Nat64Rules {
  /** Where no resolver can be: this-network, loopback, multicast, reserved and broadcast. */
  private static final java.util.List<java.util.Map.Entry<Cidr, String>> NOT_A_RESOLVER_V4 = java.util.List.of(
      java.util.Map.entry(Cidr.parse("0.0.0.0/8"), "this network"), java.util.Map.entry(Cidr.parse("127.0.0.0/8"), "loopback"),
      java.util.Map.entry(Cidr.parse("224.0.0.0/4"), "multicast"), java.util.Map.entry(Cidr.parse("240.0.0.0/4"), "reserved and broadcast"));
  /** Where a NAT64 prefix cannot be (the first match names it): IPv4-mapped, IPv4-compatible, link-local, multicast. */
  private static final java.util.List<java.util.Map.Entry<Cidr, String>> NOT_A_PREFIX_V6 = java.util.List.of(
      java.util.Map.entry(Cidr.parse("::ffff:0:0/96"), "IPv4-mapped addresses"),
      java.util.Map.entry(Cidr.parse("::/96"), "unspecified, loopback and IPv4-compatible addresses"),
      java.util.Map.entry(Cidr.parse("fe80::/10"), "link-local"), java.util.Map.entry(Cidr.parse("ff00::/8"), "multicast"));

  static final int DNS64_OFFSET = 0x100;
  static final int NAT64_OFFSET = 0x200;
  /** NAT64 prefix lengths RFC 6052 allows (and bind9's dns64 accepts). */
  private static final Set<Integer> DNS64_LENGTHS = Set.of(32, 40, 48, 56, 64, 96);

  private Nat64Rules() {}

  /** @param v6Mgmt the IPv6 management network, or null if it is invalid */
  static Nat64Plan resolve(Settings settings, int clusterId, Cidr v6Mgmt, ClusterNaming naming, Findings findings) {
    String prefix = v4Prefix(settings.orDefault("NAT64_V4_SUBNET_PREFIX", ClusterAddressing.DEFAULT_NAT64_V4_SUBNET_PREFIX),
        clusterId, findings);
    Cidr dns64 = dns64Prefix(settings, findings);
    String upstream = settings.orDefault("REMOTE_DNS64_V4SERVER", ClusterAddressing.DEFAULT_REMOTE_DNS64_V4SERVER);
    IpAddress remote = null;
    try {
      remote = IpAddress.parse(upstream);
    } catch (IllegalArgumentException e) {
      // reported below
    }
    if (remote == null || remote.family() != IpFamily.IPV4) {
      findings.problem("REMOTE_DNS64_V4SERVER", upstream, "must be an IPv4 address such as " + ClusterAddressing.DEFAULT_REMOTE_DNS64_V4SERVER);
      remote = null;
    } else if (inReserved(NOT_A_RESOLVER_V4, remote, "REMOTE_DNS64_V4SERVER", upstream,
        "must be a unicast address a resolver can have", findings)) {
      remote = null;
    }
    // A management network too small for +0x200 is reported by NodeLimits.
    boolean roomy = v6Mgmt != null && v6Mgmt.size().compareTo(java.math.BigInteger.valueOf(NAT64_OFFSET)) > 0;
    if (prefix == null || dns64 == null || remote == null || !roomy) {
      return null;
    }
    IpAddress v4Address = IpAddress.parse(prefix + ".0.200");
    return new Nat64Plan(
        prefix,
        v6Mgmt.addressAt(NAT64_OFFSET),
        v6Mgmt.addressAt(DNS64_OFFSET),
        dns64,
        Cidr.parse(prefix + ".0.0/16"),
        v4Address,
        Cidr.parse(prefix + ".0.128/25"),
        remote,
        naming.dns64ContainerName(),
        naming.nat64ContainerName(),
        naming.supportLabel());
  }

  static String v4Prefix(String value, int clusterId, Findings findings) {
    String[] octets = value.split("\\.", -1);
    if (octets.length != 2) {
      findings.problem("NAT64_V4_SUBNET_PREFIX", value,
          "NAT64_V4_SUBNET_PREFIX must be two octets (have '" + value + "'), e.g. "
          + ClusterAddressing.DEFAULT_NAT64_V4_SUBNET_PREFIX);
      return null;
    }
    OptionalInt first = Numbers.wholeNumber(octets[0], 0, 255);
    OptionalInt second = Numbers.wholeNumber(octets[1], 0, 255);
    if (first.isEmpty() || second.isEmpty()) {
      findings.problem("NAT64_V4_SUBNET_PREFIX", value, "must be two decimal octets 0..255, e.g. "
          + ClusterAddressing.DEFAULT_NAT64_V4_SUBNET_PREFIX);
      return null;
    }
    int a = first.getAsInt();
    int b = second.getAsInt() + clusterId;
    String prefix = a + "." + b;
    String withId = clusterId == 0 ? "" : " (with CLUSTER_ID " + clusterId + " added to the second octet: '" + prefix + "')";
    if (a == 10) {
      if (b > 253) {
        findings.problem("NAT64_V4_SUBNET_PREFIX", value, "NAT64_V4_SUBNET_PREFIX is too large for 10.0.0.0/8 private net"
            + withId + ": the second octet plus CLUSTER_ID must be at most 253");
        return null;
      }
    } else if (a == 172) {
      if (b < 16 || b > 31) {
        findings.problem("NAT64_V4_SUBNET_PREFIX", value, "NAT64_V4_SUBNET_PREFIX is outside of range for 172.16.0.0/12 private net"
            + withId + ": the second octet plus CLUSTER_ID must be 16..31");
        return null;
      }
    } else {
      findings.problem("NAT64_V4_SUBNET_PREFIX", value,
          "NAT64_V4_SUBNET_PREFIX is not in 10.0.0.0/8 or 172.16.0.0/12 private networks: the first octet must be 10 or 172");
      return null;
    }
    return prefix;
  }

  private static Cidr dns64Prefix(Settings settings, Findings findings) {
    String address = settings.orDefault("DNS64_PREFIX", ClusterAddressing.DEFAULT_DNS64_PREFIX);
    String size = settings.orDefault("DNS64_PREFIX_SIZE", Integer.toString(ClusterAddressing.DEFAULT_DNS64_PREFIX_LENGTH));
    OptionalInt length = Numbers.wholeNumber(size, 0, 128);
    boolean ok = true;
    if (length.isEmpty() || !DNS64_LENGTHS.contains(length.getAsInt())) {
      findings.problem("DNS64_PREFIX_SIZE", size, "must be 32, 40, 48, 56, 64 or 96 (RFC 6052 NAT64 prefix lengths)");
      ok = false;
    }
    IpAddress ip = null;
    try {
      ip = IpAddress.parse(address);
    } catch (IllegalArgumentException e) {
      // reported below
    }
    if (ip == null || ip.family() != IpFamily.IPV6) {
      findings.problem("DNS64_PREFIX", address, "must be an IPv6 address such as " + ClusterAddressing.DEFAULT_DNS64_PREFIX);
      ok = false;
    } else if (inReserved(NOT_A_PREFIX_V6, ip, "DNS64_PREFIX", address,
        "must be a unicast prefix such as " + ClusterAddressing.DEFAULT_DNS64_PREFIX + " or 64:ff9b::", findings)) {
      ok = false;
    }
    if (!ok) {
      return null;
    }
    Cidr cidr = new Cidr(ip, length.getAsInt());
    if (cidr.hasHostBits()) {
      findings.problem("DNS64_PREFIX", address, "has bits set beyond DNS64_PREFIX_SIZE /" + length.getAsInt()
          + "; did you mean " + cidr.network().address() + "?");
      return null;
    }
    return cidr;
  }

  /** Reports {@code ip} when it lies in one of the ranges (the first that holds it names it); true when it does. */
  private static boolean inReserved(java.util.List<java.util.Map.Entry<Cidr, String>> ranges, IpAddress ip, String knob,
      String value, String allowed, Findings findings) {
    var reserved = ranges.stream().filter(e -> e.getKey().contains(ip)).findFirst();
    reserved.ifPresent(r -> findings.problem(knob, value, allowed + ", not in " + r.getKey() + " (" + r.getValue() + ")"));
    return reserved.isPresent();
  }
}
