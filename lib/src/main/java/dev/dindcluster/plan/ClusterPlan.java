package dev.dindcluster.plan;

import dev.dindcluster.cni.CniPlugin;
import dev.dindcluster.k8s.ComponentImages;
import dev.dindcluster.k8s.KubernetesVersion;
import dev.dindcluster.naming.ClusterNaming;
import dev.dindcluster.net.Cidr;
import dev.dindcluster.net.IpAddress;
import dev.dindcluster.net.IpFamily;
import dev.dindcluster.net.IpMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything computed for one cluster before anything is created: identity and names, networks
 * and addresses (IPv4 before IPv6 in every list), the image and the defaulted knobs the lifecycle
 * needs. Immutable; produced only by {@link Planner}.
 *
 * @param randomClusterId the id came from the random generator (DIND_LABEL without CLUSTER_ID)
 * @param useContext whether the kubectl context is made current (only for the default label)
 * @param nat64 DNS64/NAT64 support containers, present in ipv6 mode only (else null)
 * @param localRegistry the local registry (DIND_LOCAL_REGISTRY_PORT), else null
 * @param warnings things the user should know; the CLI prints them on stderr
 */
public record ClusterPlan(
    IpMode ipMode,
    int clusterId,
    boolean randomClusterId,
    String label,
    String suffix,
    String context,
    boolean useContext,
    NetworkPlan network,
    List<NodePlan> nodes,
    List<Cidr> podNetworkCidrs,
    Cidr serviceCidr,
    IpAddress dnsServiceIp,
    IpAddress advertiseAddress,
    ApiServerPlan apiServer,
    String image,
    String kubernetesVersion,
    CniPlugin cniPlugin,
    int numNodes,
    Nat64Plan nat64,
    LocalRegistryPlan localRegistry,
    ClusterOptions options,
    List<String> warnings) {

  public ClusterPlan {
    Objects.requireNonNull(ipMode, "ipMode");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(network, "network");
    nodes = List.copyOf(nodes);
    podNetworkCidrs = List.copyOf(podNetworkCidrs);
    Objects.requireNonNull(serviceCidr, "serviceCidr");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(options, "options");
    warnings = List.copyOf(warnings);
    if (nodes.size() != numNodes + 1) {
      throw new IllegalArgumentException("expected a master and " + numNodes + " workers, got " + nodes.size() + " nodes");
    }
    if ((nat64 != null) != (ipMode == IpMode.IPV6)) {
      throw new IllegalArgumentException("NAT64 is planned in ipv6 mode and only there");
    }
  }


  public ClusterNaming naming() {
    return new ClusterNaming(suffix);
  }

  public NodePlan master() {
    return nodes.get(0);
  }

  public List<NodePlan> workers() {
    return nodes.subList(1, nodes.size());
  }

  /** The family of the service CIDR: decides the loopback and the API server's bind address. */
  public IpFamily serviceFamily() {
    return serviceCidr.family();
  }

  /** The Kubernetes version, parsed (validated when the plan was made). */
  public KubernetesVersion version() {
    return KubernetesVersion.parse(kubernetesVersion);
  }

  /** The images this version's kubeadm runs, as the node image holds them. */
  public List<ComponentImages.Image> componentImages() {
    return ComponentImages.forVersion(version());
  }

  public ComponentImages.Image pauseImage() {
    return componentImages().stream().filter(i -> ComponentImages.isPause(i.name())).findFirst().orElseThrow();
  }

  public Optional<Nat64Plan> nat64Plan() {
    return Optional.ofNullable(nat64);
  }

  /** The local registry (DIND_LOCAL_REGISTRY_PORT), if the cluster has one. */
  public Optional<LocalRegistryPlan> localRegistryPlan() {
    return Optional.ofNullable(localRegistry);
  }
}
