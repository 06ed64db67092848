package dev.dindcluster.runtime.docker;

import static dev.dindcluster.runtime.docker.DockerCalls.call;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import dev.dindcluster.runtime.NetworkInfo;
import dev.dindcluster.runtime.NetworkSpec;
import dev.dindcluster.runtime.Subnet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Bridge networks: named, labelled, created only when absent. */
final class DockerNetworks {
  private final DockerClient docker;

  DockerNetworks(DockerClient docker) {
    this.docker = docker;
  }

  boolean createIfAbsent(NetworkSpec spec) {
    if (find(spec.name()).isPresent()) {
      return false;
    }
    Network.Ipam ipam = new Network.Ipam().withConfig(spec.subnets().stream()
        .map(s -> {
          Network.Ipam.Config config = new Network.Ipam.Config().withSubnet(s.cidr());
          return s.gateway() == null ? config : config.withGateway(s.gateway());
        })
        .collect(Collectors.toList()));
    call("create network", spec.name(), () -> docker.createNetworkCmd()
        .withName(spec.name())
        .withDriver("bridge")
        .withLabels(spec.labels())
        .withEnableIpv6(spec.ipv6())
        .withCheckDuplicate(true)
        .withIpam(ipam)
        .exec());
    return true;
  }

  Optional<NetworkInfo> find(String name) {
    try {
      Network network = call("inspect network", name,
          () -> docker.inspectNetworkCmd().withNetworkId(name).exec());
      // The engine also matches ids and id prefixes; only an exact name counts.
      return name.equals(network.getName()) ? Optional.of(info(network)) : Optional.empty();
    } catch (dev.dindcluster.runtime.NotFoundFailure e) {
      return Optional.empty();
    }
  }

  List<NetworkInfo> withLabel(String labelFilter) {
    return call("list networks with label", labelFilter,
        () -> docker.listNetworksCmd().withFilter("label", List.of(labelFilter)).exec())
        .stream().map(DockerNetworks::info).collect(Collectors.toList());
  }

  boolean remove(String name) {
    try {
      docker.removeNetworkCmd(name).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw new dev.dindcluster.runtime.RuntimeFailure("remove network '" + name + "': " + DockerCalls.describe(e), e);
    }
  }

  void connect(String container, String network) {
    DockerCalls.run("connect container", container + " to network " + network,
        () -> docker.connectToNetworkCmd().withContainerId(container).withNetworkId(network).exec());
  }

  private static NetworkInfo info(Network network) {
    List<Subnet> subnets = network.getIpam() == null || network.getIpam().getConfig() == null
        ? List.of()
        : network.getIpam().getConfig().stream()
            .map(c -> new Subnet(c.getSubnet(), c.getGateway()))
            .collect(Collectors.toList());
    Map<String, String> labels = network.getLabels() == null ? Map.of() : network.getLabels();
    return new NetworkInfo(network.getId(), network.getName(), labels, subnets);
  }
}
