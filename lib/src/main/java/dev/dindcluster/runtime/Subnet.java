package dev.dindcluster.runtime;

import java.util.Objects;

/**
 * One subnet of a network. {@code gateway} is null for a subnet the engine must not route through
 * (an extra range without a gateway).
 */
public record Subnet(String cidr, String gateway) {
  public Subnet {
    Objects.requireNonNull(cidr, "cidr");
    if (!cidr.contains("/")) {
      throw new IllegalArgumentException("subnet '" + cidr + "': must be a CIDR like 10.192.0.0/24");
    }
  }

  public static Subnet withGateway(String cidr, String gateway) {
    return new Subnet(cidr, Objects.requireNonNull(gateway, "gateway"));
  }

  public static Subnet withoutGateway(String cidr) {
    return new Subnet(cidr, null);
  }

  public boolean ipv6() {
    return cidr.contains(":");
  }
}
