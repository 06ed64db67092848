package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.kube.KubeconfigEntry;
import dev.dindcluster.kube.KubeconfigStore;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.Planner;
import dev.dindcluster.runtime.FakeNodeRuntime;
import dev.dindcluster.runtime.NetworkSpec;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ClusterRunnerTest {
  private static final FixedRelease RELEASE = FixedRelease.forVersion(FixedRelease.DEFAULT_VERSION);
  private static final Map<String, String> LABELLED = Map.of("DIND_LABEL", "faults");

  private static Adapters over(FakeNodeRuntime runtime) {
    return new Adapters() {
      @Override
      public NodeRuntime runtime() {
        return runtime;
      }

      @Override
      public KubeconfigStore kubeconfigs() {
        throw new UnsupportedOperationException("not used");
      }

      @Override
      public Function<KubeconfigEntry, KubeApi> kubeApis() {
        throw new UnsupportedOperationException("not used");
      }
    };
  }

  @Test
  void aRandomClusterIdIsReadBackFromTheNetwork() {
    FakeNodeRuntime runtime = new FakeNodeRuntime();
    ClusterPlan made = Planner.plan(LABELLED, RELEASE, () -> 42);
    var labels = ClusterLabels.of(made);
    labels.put(ClusterLabels.CLUSTER_ID, "42");
    runtime.createNetworkIfAbsent(new NetworkSpec(made.network().name(), labels, List.of(), false));

    assertThat(ClusterRunner.resolvePlan(LABELLED, RELEASE, () -> 7, over(runtime)).clusterId()).isEqualTo(42);
  }

  @Test
  void withTheNetworkGoneTheNodeVolumesKeepTheClusterId() {
    FakeNodeRuntime runtime = new FakeNodeRuntime();
    ClusterPlan made = Planner.plan(LABELLED, RELEASE, () -> 42);
    made.nodes().forEach(node -> runtime.createVolume(node.volume(), ClusterLabels.volume(made)));

    ClusterPlan resolved = ClusterRunner.resolvePlan(LABELLED, RELEASE, () -> 7, over(runtime));
    assertThat(resolved.clusterId()).isEqualTo(42);
    assertThat(resolved.master().ips()).isEqualTo(made.master().ips());
  }

  @Test
  void aNewClusterGetsTheRandomId() {
    assertThat(ClusterRunner.resolvePlan(LABELLED, RELEASE, () -> 7, over(new FakeNodeRuntime())).clusterId()).isEqualTo(7);
  }
}
