package dev.dindcluster.plan;

import dev.dindcluster.k8s.TopologyLabels;
import dev.dindcluster.net.Cidr;
import dev.dindcluster.net.IpAddress;
import dev.dindcluster.net.IpFamily;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One node container (its hostname is its name).
 *
 * @param nodeId the original's node id: master 1, kube-node-N N+1; its mgmt address is +nodeId+1
 * @param ips one per management CIDR, IPv4 first
 * @param podCidrs one per pod network, IPv4 first
 * @param volume the volume mounted at /dind that holds the node's state and snapshot
 * @param labels what kubelet registers the node with (zones, DIND_NODE_LABELS), sorted by key
 * @param taints what kubelet registers the node with (DIND_NODE_TAINTS), besides kubeadm's own
 */
public record NodePlan(String name, Role role, int nodeId, List<IpAddress> ips, List<Cidr> podCidrs, String volume,
    Map<String, String> labels, List<Taint> taints) {
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
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    taints = List.copyOf(taints);
  }

  /** A node without labels or taints of its own. */
  public NodePlan(String name, Role role, int nodeId, List<IpAddress> ips, List<Cidr> podCidrs, String volume) {
    this(name, role, nodeId, ips, podCidrs, volume, Map.of(), List.of());
  }

  /** The node's zone (DIND_ZONES), if any. */
  public Optional<String> zone() {
    return Optional.ofNullable(labels.getOrDefault(TopologyLabels.ZONE, labels.get(TopologyLabels.BETA_ZONE)));
  }

  public Optional<IpAddress> ip(IpFamily family) {
    return ips.stream().filter(ip -> ip.family() == family).findFirst();
  }

  public Optional<Cidr> podCidr(IpFamily family) {
    return podCidrs.stream().filter(c -> c.family() == family).findFirst();
  }
}
