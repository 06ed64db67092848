package dev.dindcluster.runtime;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A container as the engine lists it.
 *
 * @param state the engine's state word: created, running, exited, ...
 * @param startedAt when it last started; known from {@link NodeRuntime#findContainer} (the engine's
 *     inspect), null from listings and for a container never started
 */
public record ContainerInfo(String id, String name, String image, String state, Map<String, String> labels, Instant startedAt) {
  public ContainerInfo {
    labels = Map.copyOf(labels);
  }

  /** A container whose start time is not known. */
  public ContainerInfo(String id, String name, String image, String state, Map<String, String> labels) {
    this(id, name, image, state, labels, null);
  }

  public boolean running() {
    return "running".equals(state);
  }

  public Optional<Instant> started() {
    return Optional.ofNullable(startedAt);
  }
}
