package dev.dindcluster.runtime;

import java.util.List;
import java.util.Map;

/** A network as the engine reports it. */
public record NetworkInfo(String id, String name, Map<String, String> labels, List<Subnet> subnets) {
  public NetworkInfo {
    labels = Map.copyOf(labels);
    subnets = List.copyOf(subnets);
  }
}
