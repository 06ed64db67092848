package dev.dindcluster.runtime;

import java.util.Map;

/**
 * A container as the engine lists it.
 *
 * @param state the engine's state word: created, running, exited, ...
 */
public record ContainerInfo(String id, String name, String image, String state, Map<String, String> labels) {
  public ContainerInfo {
    labels = Map.copyOf(labels);
  }

  public boolean running() {
    return "running".equals(state);
  }
}
