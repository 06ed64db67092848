package dev.dindcluster.plan;

import dev.dindcluster.net.Cidr;
import dev.dindcluster.net.IpAddress;
import dev.dindcluster.net.IpFamily;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The management network: its Docker name, its CIDRs (IPv4 first) and the gateway of each. */
public record NetworkPlan(String name, List<Cidr> cidrs, List<IpAddress> gateways) {
  public NetworkPlan {
    Objects.requireNonNull(name, "name");
    cidrs = List.copyOf(cidrs);
    gateways = List.copyOf(gateways);
    if (cidrs.size() != gateways.size()) {
      throw new IllegalArgumentException("one gateway per CIDR");
    }
  }

  public Optional<Cidr> cidr(IpFamily family) {
    return cidrs.stream().filter(c -> c.family() == family).findFirst();
  }
}
