package dev.dindcluster.plan;

import dev.dindcluster.net.IpAddress;
import java.util.Objects;

/**
 * The cluster's local registry (DIND_LOCAL_REGISTRY_PORT): one container on the management network
 * at a fixed address, published on host loopback. Every node sends {@code 127.0.0.1:<hostPort>} to
 * it, so a pod's image is named exactly as the host pushed it.
 *
 * @param hostPort the port on the host's 127.0.0.1, and the port in image names
 * @param containerName {@code dind-registry<S>}
 * @param address the container's fixed IPv4 address: the management network's last host address
 * @param ipv6Address in dual-stack, its fixed IPv6 address at the same offset (else null): left to
 *     the engine, it would take the first free one, which is the master's
 */
public record LocalRegistryPlan(int hostPort, String containerName, IpAddress address, IpAddress ipv6Address) {
  /** Where the registry listens inside its container (Debian's docker-registry default). */
  public static final int CONTAINER_PORT = 5000;

  public LocalRegistryPlan {
    Objects.requireNonNull(containerName, "containerName");
    Objects.requireNonNull(address, "address");
    if (hostPort < 1 || hostPort > 65535) {
      throw new IllegalArgumentException("host port " + hostPort + " is not 1-65535");
    }
  }

  public java.util.Optional<IpAddress> ipv6() {
    return java.util.Optional.ofNullable(ipv6Address);
  }

  /** The prefix of image names pods use: {@code 127.0.0.1:<hostPort>}. */
  public String imagePrefix() {
    return "127.0.0.1:" + hostPort;
  }
}
