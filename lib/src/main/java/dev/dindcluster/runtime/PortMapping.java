package dev.dindcluster.runtime;

import java.util.Objects;

/**
 * A published TCP port: {@code hostIp:hostPort -> containerPort}. {@code hostPort} 0 lets the
 * engine pick a free port; read it back with {@link NodeRuntime#publishedPort}.
 */
public record PortMapping(String hostIp, int hostPort, int containerPort) {
  public PortMapping {
    Objects.requireNonNull(hostIp, "hostIp");
    if (hostPort < 0 || hostPort > 65535) {
      throw new IllegalArgumentException("host port " + hostPort + ": must be 0 (free) or 1..65535");
    }
    if (containerPort < 1 || containerPort > 65535) {
      throw new IllegalArgumentException("container port " + containerPort + ": must be 1..65535");
    }
  }
}
