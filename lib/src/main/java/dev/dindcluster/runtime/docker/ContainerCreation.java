package dev.dindcluster.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.dindcluster.runtime.NodeSecurity;
import dev.dindcluster.runtime.NodeSpec;
import dev.dindcluster.runtime.PortMapping;
import java.util.List;
import java.util.stream.Collectors;

/** Translates a {@link NodeSpec} into docker-java's create-container command. */
final class ContainerCreation {
  private ContainerCreation() {}

  static CreateContainerCmd command(DockerClient docker, NodeSpec spec) {
    HostConfig host = hostConfig(spec);
    CreateContainerCmd cmd =
        docker.createContainerCmd(spec.image())
            .withName(spec.name())
            .withHostName(spec.hostname())
            .withLabels(spec.labels())
            .withEnv(spec.env().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .sorted()
                .collect(Collectors.toList()))
            .withExposedPorts(spec.ports().stream()
                .map(ContainerCreation::exposed)
                .collect(Collectors.toList()))
            .withHostConfig(host);
    if (spec.stopSignal() != null) {
      cmd.withStopSignal(spec.stopSignal());
    }
    if (!spec.command().isEmpty()) {
      cmd.withCmd(spec.command());
    }
    if (!spec.entrypoint().isEmpty()) {
      cmd.withEntrypoint(spec.entrypoint());
    }
    if (spec.network() != null) {
      host.withNetworkMode(spec.network());
      if (spec.ipv4() != null) {
        cmd.withIpv4Address(spec.ipv4());
      }
      if (spec.ipv6() != null) {
        cmd.withIpv6Address(spec.ipv6());
      }
    }
    return cmd;
  }

  static HostConfig hostConfig(NodeSpec spec) {
    HostConfig host =
        spec.security() == NodeSecurity.RESTRICTED ? new UnconfinedHostConfig() : new HostConfig();
    applySecurity(host, spec.security());
    host.withMounts(spec.mounts().stream()
        .map(m -> new Mount().withType(MountType.VOLUME).withSource(m.volume()).withTarget(m.containerPath()))
        .collect(Collectors.toList()));
    if (!spec.tmpfs().isEmpty()) {
      host.withTmpFs(spec.tmpfs());
    }
    host.withPortBindings(spec.ports().stream().map(ContainerCreation::binding).collect(Collectors.toList()));
    host.withDevices(spec.devices().stream()
        .map(path -> new Device("rwm", path, path))
        .collect(Collectors.toList()));
    if (!spec.extraHosts().isEmpty()) {
      host.withExtraHosts(spec.extraHosts().toArray(String[]::new));
    }
    if (!spec.sysctls().isEmpty()) {
      host.withSysctls(spec.sysctls());
    }
    if (spec.cgroupnsPrivate()) {
      host.withCgroupnsMode("private");
    }
    return host;
  }

  private static void applySecurity(HostConfig host, NodeSecurity security) {
    switch (security) {
      case PRIVILEGED:
        host.withPrivileged(true);
        break;
      case RESTRICTED:
        // What works where --privileged fails (see the node contract): all capabilities but the one
        // the host lacks, no seccomp/apparmor confinement, and every device allowed.
        host.withCapAdd(Capability.ALL)
            .withCapDrop(Capability.SYS_RESOURCE)
            .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
            .withDeviceCgroupRules(List.of("a *:* rwm"));
        break;
      case DEFAULT:
      default:
        break;
    }
  }

  private static PortBinding binding(PortMapping port) {
    Ports.Binding hostSide = port.hostPort() == 0
        ? Ports.Binding.bindIp(port.hostIp())
        : Ports.Binding.bindIpAndPort(port.hostIp(), port.hostPort());
    return new PortBinding(hostSide, exposed(port));
  }

  private static ExposedPort exposed(PortMapping port) {
    return new ExposedPort(port.containerPort(), com.github.dockerjava.api.model.InternetProtocol.parse(port.protocol()));
  }
}
