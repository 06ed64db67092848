package dev.dindcluster.lifecycle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.Planner;
import dev.dindcluster.runtime.FakeNodeRuntime;
import dev.dindcluster.runtime.NetworkSpec;
import dev.dindcluster.runtime.NodeSecurity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterStatusTest {
  private final ClusterPlan plan = Planner.plan(Map.of("NUM_NODES", "1"), FixedRelease.forVersion(FixedRelease.DEFAULT_VERSION), () -> 1);
  private final FakeNodeRuntime runtime = new FakeNodeRuntime().addImage(plan.image(), Map.of());

  @Test
  void nothingExistsYet() {
    ClusterStatus status = ClusterStatus.read(plan, runtime);
    assertThat(status.absent()).isTrue();
    assertThat(status.problems()).isEmpty();
    assertThat(status.render()).contains("cluster " + plan.label() + " (context dind): absent", "next up: full bring-up (no node volumes yet)");
  }

  @Test
  void aRemovedWorkerIsNamedAndUpWouldRestore() {
    runtime.createNetworkIfAbsent(new NetworkSpec(plan.network().name(), ClusterLabels.of(plan), List.of(), false));
    for (var node : plan.nodes()) {
      runtime.createVolume(node.volume(), ClusterLabels.volume(plan));
      runtime.putVolumeFile(node.volume(), "/lib/dind/snapshot-ok", "x\n".getBytes(UTF_8));
    }
    runtime.run(NodeContainers.spec(plan, plan.master(), NodeSecurity.DEFAULT));
    int before = runtime.journal().size();

    ClusterStatus status = ClusterStatus.read(plan, runtime);
    assertThat(status.running()).isFalse();
    assertThat(status.problems()).containsExactly("kube-node-1: container missing");
    assertThat(status.nextUp().mode()).isEqualTo(ClusterLifecycle.UpMode.RESTORE);
    assertThat(status.render()).contains("partly running", "kube-master   running     present   complete",
        "kube-node-1   missing     present   complete", "next up: restore");
    // Read-only but for the probe, which is gone again.
    assertThat(runtime.journal().subList(before, runtime.journal().size())).allMatch(line -> line.contains("kubeadm-dind-probe-"))
        .filteredOn(line -> line.startsWith("create container")).hasSize(1); // one probe for status and its "next up"
    assertThat(runtime.findContainer("kube-master").orElseThrow().running()).isTrue();
  }

  @Test
  void anInterruptedBringUpIsNamed() {
    for (var node : plan.nodes()) {
      runtime.createVolume(node.volume(), ClusterLabels.volume(plan));
    }
    ClusterStatus status = ClusterStatus.read(plan, runtime);
    assertThat(status.problems()).contains("kube-master: volume kubeadm-dind-kube-master holds no complete snapshot (a bring-up was interrupted)",
        "network kubeadm-dind-net missing");
    assertThat(status.nextUp().replacesVolumes()).isTrue();
  }
}
