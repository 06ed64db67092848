package dev.dindcluster.runtime.docker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.HostConfig;
import java.util.List;

/**
 * docker-java's HostConfig has no MaskedPaths/ReadonlyPaths. The CLI's {@code --security-opt
 * systempaths=unconfined} is turned client-side into both set to empty lists (the daemon rejects it
 * as a security option), and a restricted node needs it: systemd and the node's sysctls write
 * under /proc/sys, which the defaults mount read-only.
 */
class UnconfinedHostConfig extends HostConfig {
  private static final long serialVersionUID = 1L;

  @JsonProperty("MaskedPaths")
  private final List<String> maskedPaths = List.of();

  @JsonProperty("ReadonlyPaths")
  private final List<String> readonlyPaths = List.of();

  List<String> maskedPaths() {
    return maskedPaths;
  }

  List<String> readonlyPaths() {
    return readonlyPaths;
  }
}
