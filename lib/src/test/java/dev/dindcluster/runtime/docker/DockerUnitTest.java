package dev.dindcluster.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.model.HostConfig;
import dev.dindcluster.runtime.NodeSecurity;
import dev.dindcluster.runtime.NodeSpec;
import dev.dindcluster.runtime.PortMapping;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The docker-java mapping, without an engine. */
class DockerUnitTest {
  @Test
  void restrictedHostConfigSerialisesEmptyMaskedAndReadonlyPaths() throws Exception {
    HostConfig host = ContainerCreation.hostConfig(
        NodeSpec.builder("n", "img").security(NodeSecurity.RESTRICTED).build());
    String json = new ObjectMapper().writeValueAsString(host);
    assertThat(json).contains("\"MaskedPaths\":[]").contains("\"ReadonlyPaths\":[]")
        .contains("\"CapDrop\":[\"SYS_RESOURCE\"]").contains("\"CapAdd\":[\"ALL\"]");
  }

  @Test
  void privilegedAndDefaultLeaveSystemPathsAlone() throws Exception {
    HostConfig privileged = ContainerCreation.hostConfig(
        NodeSpec.builder("n", "img").security(NodeSecurity.PRIVILEGED).build());
    assertThat(privileged.getPrivileged()).isTrue();
    assertThat(new ObjectMapper().writeValueAsString(privileged)).doesNotContain("MaskedPaths");
  }

  @Test
  void portsBindToTheGivenAddressAndAFreePortForZero() {
    HostConfig host = ContainerCreation.hostConfig(NodeSpec.builder("n", "img")
        .port(new PortMapping("127.0.0.1", 0, 6443)).port(new PortMapping("::1", 8443, 443)).build());
    var bindings = host.getPortBindings().getBindings();
    var free = bindings.get(com.github.dockerjava.api.model.ExposedPort.tcp(6443))[0];
    assertThat(free.getHostIp()).isEqualTo("127.0.0.1");
    assertThat(free.getHostPortSpec()).isNull();
    var fixed = bindings.get(com.github.dockerjava.api.model.ExposedPort.tcp(443))[0];
    assertThat(fixed.getHostIp()).isEqualTo("::1");
    assertThat(fixed.getHostPortSpec()).isEqualTo("8443");
  }

  @Test
  void engineMessagesAreUnwrapped() {
    ConflictException conflict = new ConflictException(
        "Status 409: {\"message\":\"Conflict. The container name \\\"/x\\\" is already in use\"}\n");
    assertThat(DockerCalls.describe(conflict)).isEqualTo("Conflict. The container name \"/x\" is already in use");
    RuntimeException transport = new RuntimeException(new java.io.IOException("No such file or directory"));
    assertThat(DockerCalls.describe(transport)).contains("No such file or directory");
  }

  @Test
  void dockerHostDefaultsToTheLocalSocket() {
    assertThat(DockerClients.dockerHost(Map.of())).isEqualTo("unix:///var/run/docker.sock");
    assertThat(DockerClients.dockerHost(Map.of("DOCKER_HOST", "tcp://10.0.0.1:2375"))).isEqualTo("tcp://10.0.0.1:2375");
  }
}
