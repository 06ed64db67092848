package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.kube.fabric8.Fabric8KubeconfigStore;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.Planner;
import dev.dindcluster.progress.Progress;
import dev.dindcluster.runtime.ExecResult;
import dev.dindcluster.runtime.FakeNodeRuntime;
import dev.dindcluster.runtime.NetworkSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ordering and cleanup of the lifecycle against the fake runtime (the real engine is test/cluster-lifecycle.sh). */
class ClusterLifecycleTest {
  static final FixedRelease RELEASE = new FixedRelease("dind-cluster-v1.20", "v1.20.2", "dind-cluster/node:v1.20.2");
  @TempDir Path tmp;

  ClusterPlan plan(Map<String, String> settings) {
    return Planner.plan(settings, RELEASE, () -> 1);
  }

  ClusterSession session(ClusterPlan plan, FakeNodeRuntime runtime, boolean retain) {
    return new ClusterSession(plan, runtime, new Fabric8KubeconfigStore(tmp.resolve("kubeconfig"), Duration.ofSeconds(5)),
        entry -> { throw new AssertionError("no API calls expected"); }, Progress.silent(),
        new ClusterSession.Options(retain, Duration.ofSeconds(5)));
  }

  static FakeNodeRuntime runtimeWhereKubeadmInitFails() {
    return new FakeNodeRuntime()
        .addImage("dind-cluster/node:v1.20.2", Map.of())
        // kubeadm init itself; its certs and kubeconfig phases, run while the master boots, succeed.
        .onExec((container, request) -> request.command().contains("init") && !request.command().contains("phase")
            ? new ExecResult(1, "", "[init] timed out waiting for the condition\n")
            // the admin credentials its kubeconfig phase wrote, read while the master boots
            : request.display().equals("cat /etc/kubernetes/admin.conf") ? new ExecResult(0, ApiAccessTestData.ADMIN_CONF, "")
            : new ExecResult(0, "", ""));
  }

  @Test
  void aFailedStepIsNamedWithTheCommandsOutputAndEverythingThisRunCreatedIsRemoved() {
    FakeNodeRuntime runtime = runtimeWhereKubeadmInitFails();
    runtime.createVolume("unrelated", Map.of());
    ClusterPlan plan = plan(Map.of());

    assertThatThrownBy(() -> ActionRunner.run(session(plan, runtime, false), ClusterLifecycle.fullBringUp(plan, List.of(), List.of())))
        .isInstanceOf(LifecycleFailure.class)
        .hasMessageContaining("step 'kubeadm init")
        .hasMessageContaining("timed out waiting for the condition");

    assertThat(runtime.containersWithLabel(ClusterLabels.filter(plan), true)).isEmpty();
    assertThat(runtime.volumesWithLabel(ClusterLabels.filter(plan))).isEmpty();
    assertThat(runtime.findNetwork("kubeadm-dind-net")).isEmpty();
    assertThat(runtime.findVolume("unrelated")).isPresent();
    // Master first, then init while workers start; containers removed before volumes and network.
    List<String> journal = runtime.journal();
    assertThat(indexOf(journal, "create container kube-master")).isLessThan(indexOf(journal, "create container kube-node-1"));
    assertThat(indexOf(journal, "remove container kube-master")).isLessThan(indexOf(journal, "remove volume kubeadm-dind-kube-master"));
    assertThat(indexOf(journal, "remove volume kubeadm-dind-kube-master")).isLessThan(indexOf(journal, "remove network kubeadm-dind-net"));
  }

  @Test
  void dindCriReachesTheNodesAndKubeadm() {
    FakeNodeRuntime runtime = runtimeWhereKubeadmInitFails();
    ClusterPlan plan = plan(Map.of("DIND_CRI", "containerd"));
    assertThatThrownBy(() -> ActionRunner.run(session(plan, runtime, true), ClusterLifecycle.fullBringUp(plan, List.of(), List.of())))
        .isInstanceOf(LifecycleFailure.class);
    for (String node : List.of("kube-master", "kube-node-1", "kube-node-2")) {
      assertThat(runtime.specOf(node).orElseThrow().env()).containsEntry("DIND_CRI", "containerd");
    }
    String config = new String(runtime.readFile("kube-master", "/etc/kubeadm.yaml"), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(config).contains("criSocket: /var/run/containerd/containerd.sock")
        .contains("container-runtime-endpoint: unix:///var/run/containerd/containerd.sock");
    assertThat(runtime.journal()).anyMatch(line -> line.startsWith("exec kube-master: kubeadm init")
        && line.contains("--skip-phases=preflight,addon/coredns"));
  }

  @Test
  void theDefaultRuntimeIsDocker() {
    FakeNodeRuntime runtime = runtimeWhereKubeadmInitFails();
    ClusterPlan plan = plan(Map.of());
    assertThatThrownBy(() -> ActionRunner.run(session(plan, runtime, true), ClusterLifecycle.fullBringUp(plan, List.of(), List.of())))
        .isInstanceOf(LifecycleFailure.class);
    assertThat(runtime.specOf("kube-master").orElseThrow().env()).containsEntry("DIND_CRI", "docker");
    String config = new String(runtime.readFile("kube-master", "/etc/kubeadm.yaml"), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(config).contains("criSocket: /var/run/dockershim.sock").doesNotContain("container-runtime");
    assertThat(runtime.journal()).anyMatch(line -> line.startsWith("exec kube-master: kubeadm init")
        && line.contains("--skip-phases=preflight,addon/coredns "));
  }

  @Test
  void copyImageLoadsIntoTheRuntimeKubeletUses() {
    assertThat(CopyImage.loadCommand(false, "/var/tmp/x.tar")).containsExactly("docker", "load", "-q", "-i", "/var/tmp/x.tar");
    assertThat(CopyImage.loadCommand(true, "/var/tmp/x.tar")).containsExactly("ctr", "-n", "k8s.io", "images", "import", "/var/tmp/x.tar");
  }

  @Test
  void retainKeepsWhatTheFailedRunCreated() {
    FakeNodeRuntime runtime = runtimeWhereKubeadmInitFails();
    ClusterPlan plan = plan(Map.of());
    assertThatThrownBy(() -> ActionRunner.run(session(plan, runtime, true), ClusterLifecycle.fullBringUp(plan, List.of(), List.of())))
        .isInstanceOf(LifecycleFailure.class);
    assertThat(runtime.findContainer("kube-master")).isPresent();
    assertThat(runtime.findVolume("kubeadm-dind-kube-node-2")).isPresent();
  }

  @Test
  void aMissingImageFailsBeforeAnythingIsCreatedAndSaysHowToBuildIt() {
    FakeNodeRuntime runtime = new FakeNodeRuntime();
    ClusterPlan plan = plan(Map.of());
    assertThatThrownBy(() -> ActionRunner.run(session(plan, runtime, false), ClusterLifecycle.fullBringUp(plan, List.of(), List.of())))
        .hasMessageContaining("scripts/build-node-image");
    assertThat(runtime.journal()).noneMatch(line -> line.startsWith("create"));
  }

  @Test
  void customNetworksAreAttachedBeforeEachNodeStartsAndAMissingOneStopsTheRunFirst() {
    FakeNodeRuntime runtime = runtimeWhereKubeadmInitFails();
    ClusterPlan plan = plan(Map.of("DIND_CUSTOM_NETWORKS", "lab-a, lab-b"));
    runtime.createNetworkIfAbsent(new NetworkSpec("lab-a", Map.of(), List.of(), false));
    assertThatThrownBy(() -> ActionRunner.run(session(plan, runtime, false), ClusterLifecycle.fullBringUp(plan, List.of(), List.of())))
        .isInstanceOf(ClusterStateException.class).hasMessageContaining("network 'lab-b', which does not exist");
    assertThat(runtime.journal()).noneMatch(line -> line.startsWith("create container"));

    runtime.createNetworkIfAbsent(new NetworkSpec("lab-b", Map.of(), List.of(), false));
    assertThatThrownBy(() -> ActionRunner.run(session(plan, runtime, false), ClusterLifecycle.fullBringUp(plan, List.of(), List.of())))
        .hasMessageContaining("kubeadm init");
    List<String> journal = runtime.journal();
    assertThat(indexOf(journal, "connect kube-master to network lab-b")).isLessThan(indexOf(journal, "start container kube-master"));
    assertThat(journal).contains("connect kube-node-1 to network lab-a", "connect kube-node-2 to network lab-b");
    // The run failed and removed its nodes; the user's networks stay.
    assertThat(runtime.findNetwork("lab-a")).isPresent();
    assertThat(runtime.findNetwork("lab-b")).isPresent();
  }

  @Test
  void onlineOnlyCnisAreInvalidInputBeforeAnythingIsCreated() {
    FakeNodeRuntime runtime = new FakeNodeRuntime().addImage("dind-cluster/node:v1.20.2", Map.of());
    ClusterPlan plan = plan(Map.of("CNI_PLUGIN", "calico"));
    assertThatThrownBy(() -> ActionRunner.run(session(plan, runtime, false), ClusterLifecycle.fullBringUp(plan, List.of(), List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CNI_PLUGIN='calico'");
    assertThat(runtime.journal()).noneMatch(line -> line.startsWith("create"));
  }

  @Test
  void cleanRemovesOnlyWhatIsLabelledAsThisClusters() {
    FakeNodeRuntime runtime = new FakeNodeRuntime();
    ClusterPlan mine = plan(Map.of("CLUSTER_ID", "20"));
    ClusterPlan other = plan(Map.of());
    runtime.createVolume("kubeadm-dind-kube-master-cluster-20", ClusterLabels.of(mine));
    runtime.createVolume("kubeadm-dind-kube-node-1-cluster-20", Map.of()); // named like ours, not labelled
    runtime.createVolume("kubeadm-dind-kube-master", ClusterLabels.of(other));
    runtime.createNetworkIfAbsent(new NetworkSpec("kubeadm-dind-net-cluster-20", Map.of(), List.of(), false)); // not ours

    ActionRunner.run(session(mine, runtime, false), ClusterLifecycle.clean());

    assertThat(runtime.findVolume("kubeadm-dind-kube-master-cluster-20")).isEmpty();
    assertThat(runtime.findVolume("kubeadm-dind-kube-node-1-cluster-20")).isPresent();
    assertThat(runtime.findVolume("kubeadm-dind-kube-master")).isPresent();
    assertThat(runtime.findNetwork("kubeadm-dind-net-cluster-20")).isPresent();
  }

  @Test
  void upRestoresOnlyWhenEveryNodeVolumeIsOursAndHoldsTheSnapshot() {
    FakeNodeRuntime runtime = new FakeNodeRuntime().addImage("dind-cluster/node:v1.20.2", Map.of());
    ClusterPlan plan = plan(Map.of());
    assertThat(ClusterLifecycle.decideUp(plan, runtime, false).mode()).isEqualTo(ClusterLifecycle.UpMode.FULL);
    for (var node : plan.nodes()) {
      runtime.createVolume(node.volume(), ClusterLabels.of(plan));
      runtime.putVolumeFile(node.volume(), "/lib/dind/snapshot-ok", "2026-12-01T00:00:00Z\n".getBytes(UTF_8));
    }
    var decision = ClusterLifecycle.decideUp(plan, runtime, false);
    assertThat(decision.mode()).isEqualTo(ClusterLifecycle.UpMode.RESTORE);
    assertThat(decision.replacesVolumes()).isFalse();
    assertThat(ClusterLifecycle.decideUp(plan(Map.of("SKIP_SNAPSHOT", "y")), runtime, false).mode())
        .isEqualTo(ClusterLifecycle.UpMode.FULL);
    // The probe reads the markers through a container it removes again.
    assertThat(runtime.journal()).anyMatch(line -> line.startsWith("create container kubeadm-dind-probe-"))
        .anyMatch(line -> line.startsWith("remove container kubeadm-dind-probe-"));
    assertThat(runtime.containersWithLabel(ClusterLabels.filter(plan), true)).isEmpty();
  }

  @Test
  void volumesOfAnInterruptedBringUpAreReplacedByAFullOne() {
    FakeNodeRuntime runtime = new FakeNodeRuntime().addImage("dind-cluster/node:v1.20.2", Map.of());
    ClusterPlan plan = plan(Map.of());
    for (var node : plan.nodes()) {
      runtime.createVolume(node.volume(), ClusterLabels.of(plan));
    }
    // Killed while marking: the master's marker was written, a worker's was not.
    runtime.putVolumeFile(plan.master().volume(), "/lib/dind/snapshot-ok", "x\n".getBytes(UTF_8));

    var decision = ClusterLifecycle.decideUp(plan, runtime, false);
    assertThat(decision.mode()).isEqualTo(ClusterLifecycle.UpMode.FULL);
    assertThat(decision.replacesVolumes()).isTrue();
    assertThat(decision.reason()).contains("kube-node-1", "interrupted").doesNotContain("kube-master,");
    assertThat(ClusterLifecycle.fullBringUp(plan, List.of(), List.of())).extracting(Action::title)
        .contains("Creating network and node volumes");

    // --retain keeps them for debugging: refused, nothing touched.
    int before = runtime.journal().size();
    assertThatThrownBy(() -> ClusterLifecycle.decideUp(plan, runtime, true))
        .isInstanceOf(ClusterStateException.class).hasMessageContaining("--retain").hasMessageContaining("'clean'");
    assertThat(runtime.journal().subList(before, runtime.journal().size()))
        .allMatch(line -> line.contains("kubeadm-dind-probe"));
    assertThat(runtime.volumesWithLabel(ClusterLabels.filter(plan))).hasSize(plan.nodes().size());
  }

  @Test
  void withoutTheNodeImageTheSnapshotIsCheckedOnTheStartedMaster() {
    FakeNodeRuntime runtime = new FakeNodeRuntime();
    ClusterPlan plan = plan(Map.of());
    for (var node : plan.nodes()) {
      runtime.createVolume(node.volume(), ClusterLabels.of(plan));
    }
    assertThat(ClusterLifecycle.decideUp(plan, runtime, false).mode()).isEqualTo(ClusterLifecycle.UpMode.RESTORE);
    assertThat(ClusterLifecycle.restore(plan)).extracting(Action::title).contains("Checking the snapshot");
    assertThat(runtime.journal()).noneMatch(line -> line.startsWith("create container"));
  }

  @Test
  void aRestoreWithAnotherRuntimeIsRefusedBeforeAnyNodeStarts() {
    FakeNodeRuntime runtime = new FakeNodeRuntime().addImage("dind-cluster/node:v1.20.2", Map.of());
    ClusterPlan containerd = plan(Map.of("DIND_CRI", "containerd"));
    for (var node : containerd.nodes()) {
      runtime.createVolume(node.volume(), ClusterLabels.volume(containerd));
    }
    ClusterPlan docker = plan(Map.of());
    for (var node : containerd.nodes()) {
      runtime.putVolumeFile(node.volume(), "/lib/dind/snapshot-ok", "x\n".getBytes(UTF_8));
    }
    assertThat(ClusterLifecycle.decideUp(docker, runtime, false).mode()).isEqualTo(ClusterLifecycle.UpMode.RESTORE);
    assertThatThrownBy(() -> ActionRunner.run(session(docker, runtime, false), ClusterLifecycle.restore(docker)))
        .isInstanceOf(ClusterStateException.class)
        .hasMessageContaining("set up with DIND_CRI=containerd, not 'docker'")
        .hasMessageContaining("'clean'");
    assertThat(runtime.journal()).noneMatch(line -> line.startsWith("create container kube-"));
    assertThat(runtime.volumesWithLabel(ClusterLabels.filter(docker))).hasSize(3);
  }

  private static int indexOf(List<String> journal, String prefix) {
    for (int i = 0; i < journal.size(); i++) {
      if (journal.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no journal line starting '" + prefix + "' in " + journal);
  }
}
