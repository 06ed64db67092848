package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dindcluster.kube.fabric8.Fabric8KubeconfigStore;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.Planner;
import dev.dindcluster.progress.Progress;
import dev.dindcluster.runtime.FakeNodeRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulling a missing node image from the user's registry and publishing one, on the fake runtime (the real engine: test/release-mirror.sh). */
class NodeImageRegistryTest {
  static final Map<String, String> NODE_LABELS = Map.of("dev.dindcluster.node-image", "1", "dev.dindcluster.kubernetes-version", "v1.20.2");
  @TempDir Path tmp;

  ClusterPlan plan(Map<String, String> settings) {
    return Planner.plan(settings, ClusterLifecycleTest.RELEASE, () -> 1);
  }

  void checkImage(ClusterPlan plan, FakeNodeRuntime runtime) {
    ClusterSession session = new ClusterSession(plan, runtime, new Fabric8KubeconfigStore(tmp.resolve("kubeconfig"), Duration.ofSeconds(5)),
        entry -> { throw new AssertionError("no API calls expected"); }, Progress.silent(),
        new ClusterSession.Options(false, Duration.ofSeconds(5)))
        .withImageBuilder((p, r, progress) -> { throw new AssertionError("nothing is built when a registry is named"); });
    ActionRunner.run(session, List.of(BringUp.checkImage()));
  }

  @Test
  void aMissingNodeImageIsPulledFromTheNamedRegistryAndNamedAsThePlanSays() {
    FakeNodeRuntime runtime = new FakeNodeRuntime().addRegistryImage("127.0.0.1:5000/dind-cluster/node:v1.20.2", NODE_LABELS);
    checkImage(plan(Map.of("DIND_NODE_IMAGE_REGISTRY", "127.0.0.1:5000")), runtime);
    assertThat(runtime.journal()).contains("pull image 127.0.0.1:5000/dind-cluster/node:v1.20.2",
        "tag image 127.0.0.1:5000/dind-cluster/node:v1.20.2 dind-cluster/node:v1.20.2");
    assertThat(runtime.imageNames()).containsExactly("dind-cluster/node:v1.20.2");
  }

  @Test
  void anImageNameWithARegistryHostIsPulledAsItIs() {
    FakeNodeRuntime runtime = new FakeNodeRuntime().addRegistryImage("registry.example.test/team/node:v1.20.2", NODE_LABELS);
    checkImage(plan(Map.of("DIND_IMAGE", "registry.example.test/team/node:v1.20.2")), runtime);
    assertThat(runtime.imageNames()).containsExactly("registry.example.test/team/node:v1.20.2");
  }

  @Test
  void aPulledImageThatIsNoNodeImageOfThePlansVersionIsRemovedAgain() {
    FakeNodeRuntime runtime = new FakeNodeRuntime()
        .addRegistryImage("127.0.0.1:5000/dind-cluster/node:v1.20.2", Map.of("dev.dindcluster.node-image", "1",
            "dev.dindcluster.kubernetes-version", "v1.35.9"));
    assertThatThrownBy(() -> checkImage(plan(Map.of("DIND_NODE_IMAGE_REGISTRY", "127.0.0.1:5000")), runtime))
        .hasMessageContaining("is not a dind-cluster node image of Kubernetes v1.20.2").hasMessageContaining("v1.35.9");
    assertThat(runtime.imageNames()).isEmpty();
  }

  @Test
  void aFailedPullNamesTheRegistryAndTheRemedies() {
    FakeNodeRuntime runtime = new FakeNodeRuntime();
    assertThatThrownBy(() -> checkImage(plan(Map.of("DIND_NODE_IMAGE_REGISTRY", "127.0.0.1:5000")), runtime))
        .isInstanceOf(LifecycleFailure.class)
        .hasMessageContaining("cannot be pulled from 127.0.0.1:5000/dind-cluster/node:v1.20.2")
        .hasMessageContaining("publish-image");
  }

  @Test
  void aNodeImageWhoseContainerdTheKubeletRefusesStopsUpWithExit3() {
    ClusterPlan plan = Planner.plan(Map.of("DIND_CRI", "containerd"),
        new dev.dindcluster.config.FixedRelease("dind-cluster-v1.38", "v1.38.0", "dind-cluster/node:v1.38.0"), () -> 1);
    FakeNodeRuntime runtime = new FakeNodeRuntime().addImage("dind-cluster/node:v1.38.0",
        Map.of("dev.dindcluster.node-image", "1", "dev.dindcluster.kubernetes-version", "v1.38.0",
            "dev.dindcluster.containerd-version", "1.6.20~ds1"));
    assertThatThrownBy(() -> checkImage(plan, runtime)).isInstanceOf(ClusterStateException.class)
        .hasMessageContaining("needs containerd 2.0").hasMessageContaining("1.6.20");
  }

  @Test
  void publishPushesUnderTheRegistrysNameAndRemovesThatNameLocally() {
    FakeNodeRuntime runtime = new FakeNodeRuntime().addImage("dind-cluster/node:v1.20.2", NODE_LABELS);
    String pushed = NodeImageRegistry.publish(plan(Map.of()), "127.0.0.1:5000/ci", runtime, Progress.silent());
    assertThat(pushed).isEqualTo("127.0.0.1:5000/ci/dind-cluster/node:v1.20.2");
    assertThat(runtime.registryImages()).containsExactly(pushed);
    assertThat(runtime.imageNames()).containsExactly("dind-cluster/node:v1.20.2");
  }

  @Test
  void publishRefusesWhatIsNotALocalNodeImage() {
    assertThatThrownBy(() -> NodeImageRegistry.publish(plan(Map.of()), "127.0.0.1:5000", new FakeNodeRuntime(), Progress.silent()))
        .isInstanceOf(ClusterStateException.class).hasMessageContaining("not in the local engine");
    FakeNodeRuntime other = new FakeNodeRuntime().addImage("dind-cluster/node:v1.20.2", Map.of());
    assertThatThrownBy(() -> NodeImageRegistry.publish(plan(Map.of()), "127.0.0.1:5000", other, Progress.silent()))
        .isInstanceOf(ClusterStateException.class).hasMessageContaining("not a dind-cluster node image");
  }
}
