package dev.dindcluster.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A bridge network to create: its name, our labels, its subnets and whether IPv6 is on. */
public record NetworkSpec(String name, Map<String, String> labels, List<Subnet> subnets, boolean ipv6) {
  public NetworkSpec {
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(labels);
    subnets = List.copyOf(subnets);
    if (!ipv6 && subnets.stream().anyMatch(Subnet::ipv6)) {
      throw new IllegalArgumentException("network '" + name + "': IPv6 subnet given but ipv6 is off");
    }
  }
}
