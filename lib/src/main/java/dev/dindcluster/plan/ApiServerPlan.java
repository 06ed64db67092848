package dev.dindcluster.plan;

import dev.dindcluster.net.IpAddress;
import java.util.Objects;

/**
 * Where the API server is published on the host.
 *
 * @param bindAddress 127.0.0.1 or ::1, by the service CIDR's family
 * @param port APISERVER_PORT, or 0: reuse a running master's port, else let the engine pick one
 * @param portGiven whether APISERVER_PORT was set (the original then never looked up the old port)
 */
public record ApiServerPlan(IpAddress bindAddress, int port, boolean portGiven) {
  public ApiServerPlan {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0..65535");
    }
  }
}
