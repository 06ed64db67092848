package dev.dindcluster.runtime;

import java.util.Map;

/** A named volume as the engine reports it. */
public record VolumeInfo(String name, Map<String, String> labels) {
  public VolumeInfo {
    labels = Map.copyOf(labels);
  }
}
