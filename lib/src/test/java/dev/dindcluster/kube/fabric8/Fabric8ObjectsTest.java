package dev.dindcluster.kube.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.kube.KubeObject;
import dev.dindcluster.kube.ObjectKind;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code objects(kind)} against fabric8's CRUD mock server: kubectl's wide columns and a YAML without managedFields. */
@EnableKubernetesMockClient(crud = true)
class Fabric8ObjectsTest {
  static KubernetesClient client;

  private KubeApi api() {
    return new Fabric8KubeApi(client);
  }

  private static Map<String, String> columns(KubeObject object) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < object.headers().size(); i++) {
      String value = object.values().get(i);
      // The AGE column carries the creation time (the mock server sets its own on create).
      map.put(object.headers().get(i), value.equals(object.created()) ? "=created" : value);
    }
    return map;
  }

  @Test
  void podsShowReadinessRestartsAndTheWaitingReason() {
    client.pods().inNamespace("default").resource(new PodBuilder()
        .withNewMetadata().withName("web").withNamespace("default")
        .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl-secret-manager").build())
        .endMetadata()
        .withNewSpec().withNodeName("kube-node-1")
        .addNewContainer().withName("app").withImage("app:1").endContainer()
        .addNewContainer().withName("sidecar").withImage("side:1").endContainer()
        .endSpec()
        .withNewStatus().withPhase("Running").withPodIP("10.244.2.7")
        .addNewContainerStatus().withName("app").withReady(true).withRestartCount(1).endContainerStatus()
        .addNewContainerStatus().withName("sidecar").withReady(false).withRestartCount(4)
        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState().endContainerStatus()
        .endStatus().build()).create();
    KubeObject pod = api().objects(ObjectKind.POD).get(0);
    assertThat(pod.namespace()).isEqualTo("default");
    assertThat(pod.name()).isEqualTo("web");
    assertThat(pod.created()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(columns(pod)).containsExactly(
        Map.entry("READY", "1/2"), Map.entry("STATUS", "CrashLoopBackOff"), Map.entry("RESTARTS", "5"),
        Map.entry("AGE", "=created"), Map.entry("IP", "10.244.2.7"), Map.entry("NODE", "kube-node-1"));
    assertThat(pod.yaml()).contains("name: \"web\"").contains("CrashLoopBackOff").doesNotContain("managedFields", "kubectl-secret-manager");
  }

  @Test
  void servicesShowPortsAndSelectors() {
    client.services().inNamespace("kube-system").resource(new ServiceBuilder()
        .withNewMetadata().withName("kube-dns").withNamespace("kube-system").endMetadata()
        .withNewSpec().withType("ClusterIP").withClusterIP("10.96.0.10").withSelector(Map.of("k8s-app", "kube-dns"))
        .addNewPort().withPort(53).withProtocol("UDP").endPort()
        .addNewPort().withPort(80).withNodePort(30080).withProtocol("TCP").endPort()
        .endSpec().build()).create();
    assertThat(columns(api().objects(ObjectKind.SERVICE).get(0))).containsExactly(
        Map.entry("TYPE", "ClusterIP"), Map.entry("CLUSTER-IP", "10.96.0.10"), Map.entry("EXTERNAL-IP", "<none>"),
        Map.entry("PORT(S)", "53/UDP,80:30080/TCP"), Map.entry("AGE", "=created"), Map.entry("SELECTOR", "k8s-app=kube-dns"));
  }

  @Test
  void workloadsShowCountsContainersImagesAndSelectors() {
    client.apps().deployments().inNamespace("kube-system").resource(new DeploymentBuilder()
        .withNewMetadata().withName("cluster-dns").withNamespace("kube-system").endMetadata()
        .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("k8s-app", "kube-dns").endSelector()
        .withNewTemplate().withNewSpec().addNewContainer().withName("dns").withImage("dns:v1").endContainer().endSpec().endTemplate()
        .endSpec()
        .withNewStatus().withReadyReplicas(1).withUpdatedReplicas(2).withAvailableReplicas(1).endStatus()
        .build()).create();
    client.apps().daemonSets().inNamespace("kube-system").resource(new DaemonSetBuilder()
        .withNewMetadata().withName("kube-proxy").withNamespace("kube-system").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("k8s-app", "kube-proxy").endSelector()
        .withNewTemplate().withNewSpec().withNodeSelector(Map.of("kubernetes.io/os", "linux"))
        .addNewContainer().withName("kube-proxy").withImage("proxy:v1.20.2").endContainer().endSpec().endTemplate()
        .endSpec().build()).create();
    assertThat(columns(api().objects(ObjectKind.DEPLOYMENT).get(0))).containsExactly(
        Map.entry("READY", "1/2"), Map.entry("UP-TO-DATE", "2"), Map.entry("AVAILABLE", "1"), Map.entry("AGE", "=created"),
        Map.entry("CONTAINERS", "dns"), Map.entry("IMAGES", "dns:v1"), Map.entry("SELECTOR", "k8s-app=kube-dns"));
    // No status yet: zeros, as kubectl shows a daemon set that has not been reconciled.
    assertThat(columns(api().objects(ObjectKind.DAEMONSET).get(0))).containsExactly(
        Map.entry("DESIRED", "0"), Map.entry("CURRENT", "0"), Map.entry("READY", "0"), Map.entry("UP-TO-DATE", "0"),
        Map.entry("AVAILABLE", "0"), Map.entry("NODE SELECTOR", "kubernetes.io/os=linux"), Map.entry("AGE", "=created"),
        Map.entry("CONTAINERS", "kube-proxy"), Map.entry("IMAGES", "proxy:v1.20.2"), Map.entry("SELECTOR", "k8s-app=kube-proxy"));
    assertThat(api().objects(ObjectKind.REPLICASET)).isEmpty();
  }

  @Test
  void nodesAreClusterWideWithTheirWideColumns() {
    client.nodes().resource(new NodeBuilder()
        .withNewMetadata().withName("kube-master").addToLabels("node-role.kubernetes.io/master", "")
        .addToLabels("node-role.kubernetes.io/control-plane", "").endMetadata()
        .withNewSpec().withUnschedulable(true).endSpec()
        .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
        .addNewAddress().withType("InternalIP").withAddress("10.192.0.2").endAddress()
        .withNewNodeInfo().withKubeletVersion("v1.20.2").withOsImage("Debian GNU/Linux 12 (bookworm)")
        .withKernelVersion("6.1.0").withContainerRuntimeVersion("docker://20.10.24").endNodeInfo()
        .endStatus().build()).create();
    KubeObject node = api().objects(ObjectKind.NODE).get(0);
    assertThat(node.namespace()).isNull();
    assertThat(columns(node)).containsExactly(
        Map.entry("STATUS", "Ready,SchedulingDisabled"), Map.entry("ROLES", "control-plane,master"), Map.entry("AGE", "=created"),
        Map.entry("VERSION", "v1.20.2"), Map.entry("INTERNAL-IP", "10.192.0.2"), Map.entry("EXTERNAL-IP", "<none>"),
        Map.entry("OS-IMAGE", "Debian GNU/Linux 12 (bookworm)"), Map.entry("KERNEL-VERSION", "6.1.0"),
        Map.entry("CONTAINER-RUNTIME", "docker://20.10.24"));
  }

  @Test
  void secretsAreNeverListed() {
    client.secrets().inNamespace("kube-system").resource(new SecretBuilder()
        .withNewMetadata().withName("bootstrap-token-abcdef").withNamespace("kube-system").endMetadata()
        .addToStringData("token-secret", "0123456789abcdef").build()).create();
    for (ObjectKind kind : ObjectKind.values()) {
      assertThat(api().objects(kind)).extracting(KubeObject::yaml)
          .noneMatch(yaml -> yaml.contains("0123456789abcdef") || yaml.contains("bootstrap-token-abcdef"));
    }
    assertThat(List.of(ObjectKind.values())).extracting(k -> k.kind).doesNotContain("Secret");
  }

  @Test
  void environmentValuesAndLastAppliedManifestsAreHidden() {
    client.apps().deployments().inNamespace("default").resource(new DeploymentBuilder()
        .withNewMetadata().withName("db").withNamespace("default")
        .withAnnotations(Map.of("kubectl.kubernetes.io/last-applied-configuration", "{\"env\":\"DB_PASSWORD=hunter2\"}"))
        .endMetadata()
        .withNewSpec().withNewSelector().withMatchLabels(Map.of("app", "db")).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "db")).endMetadata().withNewSpec()
        .addNewInitContainer().withName("init").withImage("db:1").addNewEnv().withName("SEED").withValue("s33d").endEnv().endInitContainer()
        .addNewContainer().withName("db").withImage("db:1")
        .addNewEnv().withName("DB_PASSWORD").withValue("hunter2").endEnv()
        .addNewEnv().withName("FROM_SECRET").withNewValueFrom().withNewSecretKeyRef("pw", "db-secret", false).endValueFrom().endEnv()
        .endContainer().endSpec().endTemplate().endSpec().build()).create();
    String yaml = api().objects(ObjectKind.DEPLOYMENT).stream().filter(o -> o.name().equals("db")).findFirst().orElseThrow().yaml();
    assertThat(yaml).doesNotContain("hunter2").doesNotContain("s33d")
        .contains("name: \"DB_PASSWORD\"", "name: \"SEED\"", "secretKeyRef", "last-applied-configuration: \"<redacted>\"");
  }
}
