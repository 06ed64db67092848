package dev.dindcluster.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fake's test controls, which the contract does not cover. */
class FakeNodeRuntimeTest {
  private final FakeNodeRuntime fake = new FakeNodeRuntime().addImage("node:v1", Map.of("k", "v"));

  @Test
  void journalRecordsSideEffectsInOrder() {
    fake.createVolume("kubeadm-dind-kube-master", Map.of());
    fake.run(NodeSpec.builder("kube-master", "node:v1").mount("kubeadm-dind-kube-master", "/var").build());
    fake.exec("kube-master", "kubeadm", "init");
    fake.removeContainer("kube-master");
    assertThat(fake.journal()).containsExactly(
        "create volume kubeadm-dind-kube-master",
        "create container kube-master",
        "start container kube-master",
        "exec kube-master: kubeadm init",
        "remove container kube-master");
  }

  @Test
  void failuresAreInjectedBeforeTheEffect() {
    fake.failWhen(line -> line.startsWith("start container"), new RuntimeFailure("start container 'kube-master': boom"));
    fake.createContainer(NodeSpec.builder("kube-master", "node:v1").build());
    assertThatThrownBy(() -> fake.startContainer("kube-master")).hasMessageContaining("boom");
    assertThat(fake.findContainer("kube-master").orElseThrow().state()).isEqualTo("created");
    assertThat(fake.journal()).containsExactly("create container kube-master");
  }

  @Test
  void execAnswersComeFromTheHandler() {
    fake.onExec((container, request) -> request.command().get(0).equals("dind-node-ready")
        ? new ExecResult(1, "", "dockerd not answering") : new ExecResult(0, container, ""));
    fake.run(NodeSpec.builder("kube-node-1", "node:v1").build());
    assertThat(fake.exec("kube-node-1", "dind-node-ready").stderr()).isEqualTo("dockerd not answering");
    assertThat(fake.exec("kube-node-1", "hostname").stdout()).isEqualTo("kube-node-1");
  }

  @Test
  void remembersSpecsAndLogs() {
    NodeSpec spec = NodeSpec.builder("kube-master", "node:v1").security(NodeSecurity.RESTRICTED).build();
    fake.run(spec);
    fake.appendLogs("kube-master", "systemd started\n");
    assertThat(fake.specOf("kube-master")).contains(spec);
    assertThat(fake.logs("kube-master")).isEqualTo("systemd started\n");
    assertThat(fake.restricted(true).engineInfo().nodeSecurity()).isEqualTo(NodeSecurity.RESTRICTED);
  }
}
