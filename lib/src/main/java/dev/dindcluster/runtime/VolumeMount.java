package dev.dindcluster.runtime;

import java.util.Objects;

/** A named volume mounted at a path in the container. */
public record VolumeMount(String volume, String containerPath) {
  public VolumeMount {
    Objects.requireNonNull(volume, "volume");
    Objects.requireNonNull(containerPath, "containerPath");
  }
}
