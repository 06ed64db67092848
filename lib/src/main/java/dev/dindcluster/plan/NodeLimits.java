package dev.dindcluster.plan;

import dev.dindcluster.net.Cidr;
import dev.dindcluster.net.IpFamily;
import dev.dindcluster.net.IpMode;
import dev.dindcluster.net.PodCidrs;
import java.math.BigInteger;
import java.util.List;

/**
 * How many workers the networks hold. Worker N has node id N+1 (8 bits in pod CIDRs) and
 * management address network + N + 2; IPv4 keeps the broadcast address free; in ipv6 mode the
 * nodes must stay below bind9's ::100 and the network must hold tayga's ::200; a local registry
 * takes the last IPv4 host address.
 */
final class NodeLimits {
  /** Pod CIDRs give the node id 8 bits: master 1, workers up to 255. */
  static final int MAX_WORKERS = PodCidrs.MAX_NODE_ID - 1;

  private NodeLimits() {}

  /** Records a problem when the management networks cannot hold the nodes (numNodes null: invalid). */
  static void check(IpMode mode, List<Cidr> mgmt, Integer numNodes, boolean localRegistry, Findings findings) {
    for (Cidr cidr : mgmt) {
      BigInteger size = cidr.size();
      boolean v4 = cidr.family() == IpFamily.IPV4;
      boolean registryHere = v4 && localRegistry;
      // Offsets 1 (gateway), 2 (master), 3.. workers; IPv4 leaves the last one (broadcast) free,
      // and the one before it for a local registry.
      BigInteger room = size.subtract(BigInteger.valueOf((v4 ? 4 : 3) + (registryHere ? 1 : 0)));
      String reason = "management network " + cidr + " has " + size + " addresses: gateway +1, master +2, worker N at +N+2"
          + (registryHere ? ", the local registry before the broadcast address" : "")
          + (v4 ? ", broadcast last" : "");
      if (mode == IpMode.IPV6) {
        if (size.compareTo(BigInteger.valueOf(Nat64Rules.NAT64_OFFSET + 1)) < 0) {
          findings.problem("MGMT_CIDRS", cidr.toString(), "is too small for ipv6 mode: it must hold bind9 at +0x100 and tayga at +0x200 (use /118 or shorter)");
          continue;
        }
        room = room.min(BigInteger.valueOf(Nat64Rules.DNS64_OFFSET - 3));
        reason = "in ipv6 mode worker addresses (+N+2) must stay below bind9's +0x100 in " + cidr;
      }
      if (room.signum() < 0) {
        findings.problem("MGMT_CIDRS", cidr.toString(), "is too small: it must hold the gateway (+1) and the master (+2)");
      } else if (numNodes != null && BigInteger.valueOf(numNodes).compareTo(room) > 0) {
        findings.problem("NUM_NODES", Integer.toString(numNodes), "must be at most " + room + ": " + reason);
      }
    }
  }
}
