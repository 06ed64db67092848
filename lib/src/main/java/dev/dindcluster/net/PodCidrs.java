package dev.dindcluster.net;

/**
 * Per-node pod CIDRs, independent of CLUSTER_ID. Node ids: master 1, kube-node-N N+1.
 * IPv4: the cluster CIDR must be a /16 and node id is the third octet of a /24. IPv6: per-node
 * size is L+8 and the node id fills bits L..L+7, which reproduces every example the original gave
 * (and the valid prefixes it wrongly rejected).
 */
public final class PodCidrs {
  /** Largest IPv6 pod prefix length that still leaves 8 bits for the node id. */
  public static final int MAX_IPV6_PREFIX = 120;
  /** Node ids fit in 8 bits: master 1 .. 255. */
  public static final int MAX_NODE_ID = 255;

  private PodCidrs() {}

  public static Cidr forNode(Cidr cluster, int nodeId) {
    if (nodeId < 1 || nodeId > MAX_NODE_ID) {
      throw new IllegalArgumentException("node id " + nodeId + " is outside 1.." + MAX_NODE_ID);
    }
    if (cluster.family() == IpFamily.IPV4) {
      if (cluster.prefixLength() != 16) {
        throw new IllegalArgumentException("For IPv4 CIDRs, the size must be /16. Have '" + cluster + "'");
      }
      return cluster.subnet(24, nodeId);
    }
    if (cluster.prefixLength() > MAX_IPV6_PREFIX) {
      throw new IllegalArgumentException(
          "IPv6 pod CIDR '" + cluster + "' is too long: /" + MAX_IPV6_PREFIX + " at most leaves 8 bits for the node id");
    }
    return cluster.subnet(cluster.prefixLength() + 8, nodeId);
  }
}
