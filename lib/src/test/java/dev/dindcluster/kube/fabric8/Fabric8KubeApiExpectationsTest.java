package dev.dindcluster.kube.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.kube.KubeFailure;
import dev.dindcluster.kube.KubeconfigEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Raw endpoints (readyz, logs) against scripted answers, and an absent server. */
@EnableKubernetesMockClient
class Fabric8KubeApiExpectationsTest {
  static KubernetesMockServer server;
  static KubernetesClient client;

  @Test
  void readyzIsOkOnlyWhenTheServerSaysOk() {
    KubeApi api = new Fabric8KubeApi(client);
    server.expect().get().withPath("/readyz").andReturn(200, "ok").once();
    assertThat(api.readyz()).isTrue();
    server.expect().get().withPath("/readyz").andReturn(500, "[-]etcd failed\nreadyz check failed").once();
    assertThat(api.readyz()).isFalse();
  }

  @Test
  void logsAndPreviousLogs() {
    KubeApi api = new Fabric8KubeApi(client);
    server.expect().get().withPath("/api/v1/namespaces/kube-system/pods/etcd-kube-master/log?pretty=false&container=etcd")
        .andReturn(200, "etcd now\n").once();
    server.expect().get()
        .withPath("/api/v1/namespaces/kube-system/pods/etcd-kube-master/log?pretty=false&container=etcd&previous=true")
        .andReturn(200, "etcd before the restart\n").once();
    assertThat(api.podLogs("kube-system", "etcd-kube-master", "etcd", false)).isEqualTo("etcd now\n");
    assertThat(api.podLogs("kube-system", "etcd-kube-master", "etcd", true)).isEqualTo("etcd before the restart\n");
  }

  @Test
  void logsAreCopiedAsAStream() throws IOException {
    KubeApi api = new Fabric8KubeApi(client);
    String big = "line of a chatty pod\n".repeat(50_000);
    server.expect().get().withPath("/api/v1/namespaces/default/pods/web/log?pretty=false&container=app")
        .andReturn(200, big).once();
    server.expect().get().withPath("/api/v1/namespaces/default/pods/web/log?pretty=false&container=app&previous=true")
        .andReturn(200, "before\n").once();
    var out = new java.io.ByteArrayOutputStream();
    api.copyPodLogs("default", "web", "app", false, out);
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(big);
    out.reset();
    api.copyPodLogs("default", "web", "app", true, out);
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("before\n");
    server.expect().get().withPath("/api/v1/namespaces/default/pods/ghost/log?pretty=false&container=app")
        .andReturn(404, new io.fabric8.kubernetes.api.model.StatusBuilder().withStatus("Failure")
            .withMessage("pods \"ghost\" not found").withReason("NotFound").withCode(404).build())
        .once();
    assertThatThrownBy(() -> api.copyPodLogs("default", "ghost", "app", false, new java.io.ByteArrayOutputStream()))
        .isInstanceOf(KubeFailure.class).hasMessageStartingWith("logs of default/ghost container app: ");
  }

  @Test
  void missingPodLogsFailNamingThePod() {
    KubeApi api = new Fabric8KubeApi(client);
    server.expect().get().withPath("/api/v1/namespaces/default/pods/ghost/log?pretty=false&container=app&previous=true")
        .andReturn(404, new io.fabric8.kubernetes.api.model.StatusBuilder().withStatus("Failure")
            .withMessage("pods \"ghost\" not found").withReason("NotFound").withCode(404).build())
        .once();
    assertThatThrownBy(() -> api.podLogs("default", "ghost", "app", true))
        .isInstanceOf(KubeFailure.class)
        .hasMessageStartingWith("logs of default/ghost container app (previous): ")
        .hasMessageContaining("not found");
  }

  @Test
  void anAbsentServerFailsFast() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    KubeconfigEntry entry = new KubeconfigEntry("dind", "https://127.0.0.1:" + port, TestPem.CA, TestPem.CERT, TestPem.KEY);
    long start = System.nanoTime();
    try (KubeApi api = Fabric8KubeApi.connect(entry)) {
      assertThat(api.readyz()).isFalse();
      assertThatThrownBy(api::nodes).isInstanceOf(KubeFailure.class).hasMessageStartingWith("list nodes: ");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}
