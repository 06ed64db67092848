package dev.dindcluster.net;

import java.util.Map;

/**
 * Where a cluster's addresses come from when the user sets nothing, in one place. Every rule
 * class, the CNI defaults and the knob table (and so the README and the CLI help) read these
 * constants, so a default is changed here or nowhere.
 *
 * <p>Three ranges must stay disjoint: the management network (the nodes' Docker network), the
 * pod network (addresses the CNI hands to pods) and the service network (virtual IPs of
 * Kubernetes services). Only the management network depends on CLUSTER_ID, so two clusters on one
 * engine never share a Docker subnet; pod and service ranges live inside each cluster and may
 * repeat. How CLUSTER_ID is placed in a management CIDR is {@link ClusterIdInjection}.
 *
 * <p>The values are the original's, so a config written for it plans the same addresses here.
 */
public final class ClusterAddressing {
  private ClusterAddressing() {}

  // --- management network (MGMT_CIDRS) ---

  /**
   * IPv4 node network: a /24, because a /24's third octet is where CLUSTER_ID goes
   * (10.192.N.0/24 for cluster N); it holds the gateway, the master and 252 workers.
   */
  public static final String DEFAULT_MGMT_IPV4 = "10.192.0.0/24";

  /** IPv6 node network: written as {@code X::/n} so CLUSTER_ID becomes the hextet after X (fd00:20:N::/64). */
  public static final String DEFAULT_MGMT_IPV6 = "fd00:20::/64";

  // --- pod network (POD_NETWORK_CIDR) ---

  /** IPv4 pod network: flannel's customary range; a /16 so node id i gets 10.244.i.0/24. */
  public static final String DEFAULT_POD_IPV4 = "10.244.0.0/16";

  /** IPv4 pod network with calico: the pool calico's own manifests assume. */
  public static final String DEFAULT_POD_IPV4_CALICO = "192.168.0.0/16";

  /** IPv6 pod network: a /72 so each node gets its own /80 (node id in the next 8 bits). */
  public static final String DEFAULT_POD_IPV6 = "fd00:40::/72";

  // --- service network (SERVICE_CIDR) ---

  /** IPv4 service network: kubeadm's own default service subnet. */
  public static final String DEFAULT_SERVICE_IPV4 = "10.96.0.0/12";

  /** IPv6 (and dual-stack) service network: a /110 stays within the host bits kube-apiserver accepts. */
  public static final String DEFAULT_SERVICE_IPV6 = "fd00:30::/110";

  /**
   * The cluster DNS service's address is the service network's address plus this: kubeadm's
   * convention (10.96.0.10 for the default range), added as a number, not appended as text.
   */
  public static final int DNS_SERVICE_OFFSET = 10;

  // --- ipv6 mode: DNS64 and NAT64 ---

  /**
   * Prefix bind9 synthesises AAAA records in and tayga translates back. A unique local prefix
   * rather than the well-known 64:ff9b::/96, which RFC 6052 reserves for global IPv4 addresses.
   * It never leaves the cluster's network, so it is the same for every cluster.
   */
  public static final String DEFAULT_DNS64_PREFIX = "fd00:10:64:ff9b::";

  /** The DNS64 prefix's length: /96 puts the IPv4 address in the last 32 bits, the simplest RFC 6052 layout. */
  public static final int DEFAULT_DNS64_PREFIX_LENGTH = 96;

  /**
   * The IPv4 DNS server bind9 forwards to and tayga's IPv4 side reaches, in ipv6 mode: the original's
   * public resolver. Offline, set REMOTE_DNS64_V4SERVER to a server on the cluster's network.
   */
  public static final String DEFAULT_REMOTE_DNS64_V4SERVER = "8.8.8.8";

  /** First two octets of the NAT64 IPv4 subnet; CLUSTER_ID is added to the second (172.18+N.0.0/16). */
  public static final String DEFAULT_NAT64_V4_SUBNET_PREFIX = "172.18";

  // --- API server ---

  /**
   * The API server's secure port inside the master: kubeadm's default, published on the host's
   * loopback. The original published the insecure port 8080 instead; it is never opened here.
   */
  public static final int INTERNAL_APISERVER_PORT = 6443;

  /** The default management CIDR of each family. */
  public static Map<IpFamily, String> defaultManagementCidrs() {
    return Map.of(IpFamily.IPV4, DEFAULT_MGMT_IPV4, IpFamily.IPV6, DEFAULT_MGMT_IPV6);
  }

  /** The default service CIDR: IPv4 in ipv4 mode, else IPv6 (services use one family). */
  public static String defaultServiceCidr(IpMode mode) {
    return mode == IpMode.IPV4 ? DEFAULT_SERVICE_IPV4 : DEFAULT_SERVICE_IPV6;
  }

  /** The cluster DNS service's address in the given service network. */
  public static IpAddress dnsServiceIp(Cidr serviceCidr) {
    return serviceCidr.addressAt(DNS_SERVICE_OFFSET);
  }
}
