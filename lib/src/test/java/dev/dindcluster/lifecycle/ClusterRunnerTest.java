package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.Planner;
import dev.dindcluster.runtime.FakeNodeRuntime;
import dev.dindcluster.runtime.NetworkSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterRunnerTest {
  private static final FixedRelease RELEASE = FixedRelease.forVersion(FixedRelease.DEFAULT_VERSION);
  private static final Map<String, String> LABELLED = Map.of("DIND_LABEL", "faults");

  private static Adapters over(FakeNodeRuntime runtime) {
    return FakeAdapters.of(runtime);
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
