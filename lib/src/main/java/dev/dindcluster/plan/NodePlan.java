package dev.dindcluster.plan;

import dev.dindcluster.net.Cidr;
import dev.dindcluster.net.IpAddress;
import dev.dindcluster.net.IpFamily;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node container (its hostname is its name).
 *
 * @param nodeId the original's node id: master 1, kube-node-N N+1; its mgmt address is +nodeId+1
 * @param ips one per management CIDR, IPv4 first
 * @param podCidrs one per pod network, IPv4 first
 * @param volume the volume mounted at /dind that holds the node's state and snapshot
 */
public record NodePlan(String name, Role role, int nodeId, List<IpAddress> ips, List<Cidr> podCidrs, String volume) {
  public enum Role {
    MASTER("master"),
    WORKER("worker");

    public final String jsonName;

    Role(String jsonName) {
      this.jsonName = jsonName;
    }
  }

  public NodePlan {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    ips = List.copyOf(ips);
    podCidrs = List.copyOf(podCidrs);
    Objects.requireNonNull(volume, "volume");
  }

  public Optional<IpAddress> ip(IpFamily family) {
    return ips.stream().filter(ip -> ip.family() == family).findFirst();
  }

  public Optional<Cidr> podCidr(IpFamily family) {
    return podCidrs.stream().filter(c -> c.family() == family).findFirst();
  }
}
