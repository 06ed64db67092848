package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.k8s.KubernetesVersion;
import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.Planner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class LocalVolumesTest {
  private static ClusterPlan plan(String... assignments) {
    Map<String, String> settings = new java.util.HashMap<>();
    for (String a : assignments) {
      settings.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    }
    return Planner.plan(settings, new FixedRelease("dind-cluster-v1.20", "v1.20.2", "dind-cluster/node:v1.20.2"), () -> 1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDefaultClassAndOnePerZoneAllWaitingForTheFirstPod() {
    ClusterPlan plan = plan("NUM_NODES=3", "DIND_ZONES=a,b");
    List<Map<String, Object>> classes = LocalVolumes.storageClasses(plan);
    assertThat(classes).extracting(c -> ((Map<String, Object>) c.get("metadata")).get("name"))
        .containsExactly("standard", "standard-a", "standard-b");
    assertThat(classes).allSatisfy(c -> {
      assertThat(c).containsEntry("provisioner", "dev.dindcluster/local").containsEntry("volumeBindingMode", "WaitForFirstConsumer")
          .containsEntry("reclaimPolicy", "Delete");
    });
    assertThat((Map<String, Object>) classes.get(0).get("metadata"))
        .containsEntry("annotations", Map.of("storageclass.kubernetes.io/is-default-class", "true"));
    assertThat(classes.get(2).get("allowedTopologies").toString()).isEqualTo("[{matchLabelExpressions=[{key=topology.kubernetes.io/zone, values=[b]}]}]");
    assertThat(LocalVolumes.storageClasses(plan())).hasSize(1);
  }

  @Test
  void theManifestParsesIntoTheProvisionerAndTheClasses() {
    List<String> kinds = new java.util.ArrayList<>();
    new Yaml().loadAll(LocalVolumes.manifest(plan("DIND_ZONES=z"))).forEach(doc -> kinds.add((String) ((Map<?, ?>) doc).get("kind")));
    assertThat(kinds).containsExactly("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "DaemonSet", "StorageClass", "StorageClass");
  }

  @Test
  void oldVersionsAndImagesWithoutTheProvisionerGetNone() {
    assertThat(LocalVolumes.unavailable(KubernetesVersion.parse("v1.13.12"), Map.of(LocalVolumes.IMAGE_LABEL, "v1")))
        .hasValueSatisfying(why -> assertThat(why).contains("v1.14"));
    assertThat(LocalVolumes.unavailable(KubernetesVersion.parse("v1.20.2"), Map.of()))
        .hasValueSatisfying(why -> assertThat(why).contains("no local volume provisioner"));
    assertThat(LocalVolumes.unavailable(KubernetesVersion.parse("v1.20.2"), Map.of(LocalVolumes.IMAGE_LABEL, "v1"))).isEmpty();
  }
}
