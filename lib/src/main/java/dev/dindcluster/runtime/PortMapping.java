package dev.dindcluster.runtime;

import java.util.Objects;

/**
 * A published port: {@code hostIp:hostPort -> containerPort/protocol}. {@code hostPort} 0 lets the
 * engine pick a free port; read it back with {@link NodeRuntime#publishedPort} (TCP).
 *
 * @param protocol tcp, udp or sctp
 */
public record PortMapping(String hostIp, int hostPort, int containerPort, String protocol) {
  /** A TCP port. */
  public PortMapping(String hostIp, int hostPort, int containerPort) {
    this(hostIp, hostPort, containerPort, "tcp");
  }

  public PortMapping {
    Objects.requireNonNull(hostIp, "hostIp");
    if (!java.util.Set.of("tcp", "udp", "sctp").contains(protocol)) {
      throw new IllegalArgumentException("protocol '" + protocol + "': must be tcp, udp or sctp");
    }
    if (hostPort < 0 || hostPort > 65535) {
      throw new IllegalArgumentException("host port " + hostPort + ": must be 0 (free) or 1..65535");
    }
    if (containerPort < 1 || containerPort > 65535) {
      throw new IllegalArgumentException("container port " + containerPort + ": must be 1..65535");
    }
  }
}
