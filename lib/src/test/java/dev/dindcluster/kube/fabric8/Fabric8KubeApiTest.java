package dev.dindcluster.kube.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dindcluster.kube.EventInfo;
import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.kube.KubeFailure;
import dev.dindcluster.kube.NodeStatus;
import dev.dindcluster.kube.PodStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against fabric8's in-process API server in CRUD mode: objects go in and come back as records. */
@EnableKubernetesMockClient(crud = true)
class Fabric8KubeApiTest {
  static KubernetesClient client;

  private KubeApi api() {
    return new Fabric8KubeApi(client);
  }

  @Test
  void nodesReportReadinessRolesAndAddresses() {
    client.nodes().resource(node("kube-master", "True", true)).create();
    client.nodes().resource(node("kube-node-1", "False", false)).create();
    List<NodeStatus> nodes = api().nodes();
    assertThat(nodes).containsExactly(
        new NodeStatus("kube-master", true, List.of("master"), "10.192.0.2", "v1.20.2", java.time.Instant.parse("2021-01-01T10:00:05Z")),
        new NodeStatus("kube-node-1", false, List.of(), "10.192.0.2", "v1.20.2"));
  }

  @Test
  void applyCreatesThenReplacesEveryDocument() {
    String manifest = String.join("\n",
        "apiVersion: v1", "kind: ConfigMap", "metadata: {name: cluster-dns, namespace: kube-system}",
        "data: {upstream: none}",
        "---",
        "apiVersion: v1", "kind: Service",
        "metadata: {name: kube-dns, namespace: kube-system}",
        "spec: {clusterIP: 10.96.0.10, ports: [{name: dns, port: 53, protocol: UDP}], selector: {k8s-app: kube-dns}}",
        "");
    api().apply(manifest);
    api().apply(manifest.replace("upstream: none", "upstream: 10.0.0.1"));
    ConfigMap map = client.configMaps().inNamespace("kube-system").withName("cluster-dns").get();
    assertThat(map.getData()).containsEntry("upstream", "10.0.0.1");
    assertThat(client.services().inNamespace("kube-system").withName("kube-dns").get().getSpec().getClusterIP())
        .isEqualTo("10.96.0.10");
  }

  @Test
  void aBadManifestFailsNamingTheStep() {
    assertThatThrownBy(() -> api().apply("kind: [broken"))
        .isInstanceOf(KubeFailure.class).hasMessageStartingWith("apply manifest: ");
  }

  @Test
  void podsCarryTheirContainersAndNodes() {
    client.pods().inNamespace("kube-system").resource(new PodBuilder()
        .withNewMetadata().withName("kube-proxy-abc").withNamespace("kube-system").endMetadata()
        .withNewSpec().withNodeName("kube-node-1")
        .addNewContainer().withName("kube-proxy").withImage("dind-cluster.local/kube-proxy:v1.20.2").endContainer()
        .addNewContainer().withName("sidecar").withImage("busybox").endContainer()
        .endSpec()
        .withNewStatus().withPhase("Running").withPodIP("10.244.2.5")
        .addNewContainerStatus().withName("kube-proxy").withReady(true).withRestartCount(2)
        .withNewState().withNewRunning().withStartedAt("2021-01-01T10:00:07Z").endRunning().endState()
        .endContainerStatus()
        .endStatus()
        .build()).create();
    client.pods().inNamespace("default").resource(new PodBuilder()
        .withNewMetadata().withName("pending").withNamespace("default").endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("app:1").endContainer().endSpec()
        .build()).create();

    assertThat(api().pods("kube-system")).containsExactly(new PodStatus("kube-system", "kube-proxy-abc",
        "kube-node-1", "Running", "10.244.2.5", List.of(
            new PodStatus.Container("kube-proxy", "dind-cluster.local/kube-proxy:v1.20.2", true, 2,
                java.time.Instant.parse("2021-01-01T10:00:07Z")),
            new PodStatus.Container("sidecar", "busybox", false, 0))));
    assertThat(api().pods(null)).extracting(PodStatus::name).contains("kube-proxy-abc", "pending");
    assertThat(api().pods("default").get(0).nodeName()).isNull();
  }

  @Test
  void eventsComeOldestFirst() {
    client.v1().events().inNamespace("default").resource(event("b", "2021-01-01T00:00:10Z", "Scheduled")).create();
    client.v1().events().inNamespace("default").resource(event("a", "2021-01-01T00:00:05Z", "Pulled")).create();
    List<EventInfo> events = api().events("default");
    assertThat(events).extracting(EventInfo::reason).containsExactly("Pulled", "Scheduled");
    assertThat(events.get(0)).isEqualTo(new EventInfo("default", "2021-01-01T00:00:05Z", "Normal", "Pulled",
        "pod/web-1", 3, "Container image already present"));
  }

  private static io.fabric8.kubernetes.api.model.Node node(String name, String ready, boolean master) {
    NodeBuilder builder = new NodeBuilder().withNewMetadata().withName(name).endMetadata();
    if (master) {
      builder.editMetadata().addToLabels("node-role.kubernetes.io/master", "").endMetadata();
    }
    return builder.withNewStatus()
        .addNewCondition().withType("Ready").withStatus(ready).withLastHeartbeatTime(master ? "2021-01-01T10:00:05Z" : null)
        .endCondition()
        .addNewAddress().withType("InternalIP").withAddress("10.192.0.2").endAddress()
        .withNewNodeInfo().withKubeletVersion("v1.20.2").endNodeInfo()
        .endStatus().build();
  }

  private static io.fabric8.kubernetes.api.model.Event event(String name, String time, String reason) {
    return new EventBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withLastTimestamp(time).withType("Normal").withReason(reason).withCount(3)
        .withMessage("Container image already present")
        .withNewInvolvedObject().withKind("Pod").withName("web-1").endInvolvedObject()
        .build();
  }
}
