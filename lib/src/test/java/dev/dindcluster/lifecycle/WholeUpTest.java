package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.kube.FakeKubeApi;
import dev.dindcluster.kube.FakeKubeconfigStore;
import dev.dindcluster.kube.KubeconfigStoreContract;
import dev.dindcluster.kube.NodeStatus;
import dev.dindcluster.kube.PodStatus;
import dev.dindcluster.kube.fabric8.TestPem;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.NodePlan;
import dev.dindcluster.plan.Planner;
import dev.dindcluster.progress.Progress;
import dev.dindcluster.runtime.ExecResult;
import dev.dindcluster.runtime.FakeNodeRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A whole {@code up} (full bring-up, then {@code down} and a restore) on the fake engine, the fake
 * API server and the in-memory kubeconfig: every step in its order, with no Docker and no cluster.
 * The nodes answer kubeadm and friends as a healthy node would.
 */
class WholeUpTest {
  private static final String CA_PEM = new String(Base64.getDecoder().decode(TestPem.CA), StandardCharsets.UTF_8);

  private final ClusterPlan plan = Planner.plan(Map.of("CLUSTER_ID", "3", "DIND_LOCAL_REGISTRY_PORT", "5001"),
      ClusterLifecycleTest.RELEASE, () -> 1);
  private final List<String> commands = new ArrayList<>();
  private final FakeNodeRuntime runtime = new FakeNodeRuntime()
      .addImage(plan.image(), Map.of())
      .addImage(SupportContainers.IMAGE, Map.of(LocalRegistry.IMAGE_LABEL, "docker-registry"))
      .onExec((node, request) -> {
        synchronized (commands) {
          commands.add(node + ": " + request.display());
        }
        String shown = request.display();
        if (shown.contains("admin.conf")) {
          return new ExecResult(0, KubeconfigStoreContract.ADMIN_CONF, "");
        }
        if (shown.contains("ca.crt")) {
          return new ExecResult(0, CA_PEM, "");
        }
        if (shown.startsWith("kubeadm token create")) {
          return new ExecResult(0, "abcdef.0123456789abcdef\n", "");
        }
        return new ExecResult(0, "", "");
      });
  private final FakeKubeApi api = new FakeKubeApi();
  private final FakeKubeconfigStore kubeconfig = new FakeKubeconfigStore(Path.of("/nonexistent/kubeconfig"));

  private ClusterSession session() {
    // Every node and the DNS pod report Ready a moment from now: after the run's start.
    Instant later = Instant.now().plusSeconds(5);
    api.nodeList.clear();
    for (NodePlan node : plan.nodes()) {
      api.nodeList.add(new NodeStatus(node.name(), true, List.of(), node.ips().get(0).toString(), "v1.20.2", later));
    }
    api.pods.clear();
    api.pod("kube-system", "cluster-dns-x", plan.master().name(),
        new PodStatus.Container("dns", "dind-cluster.local/cluster-dns:v1", true, 0, later));
    return new ClusterSession(plan, runtime, kubeconfig, entry -> api, Progress.silent(),
        new ClusterSession.Options(false, Duration.ofSeconds(5)));
  }

  @Test
  void aFullBringUpRunsEveryStepInOrderAndARestoreFollows() throws Exception {
    ActionRunner.run(session(), ClusterLifecycle.fullBringUp(plan, List.of(), List.of()));

    assertThat(kubeconfig.currentContext()).isEmpty();
    assertThat(kubeconfig.read("dind-cluster-3").orElseThrow().server()).startsWith("https://127.0.0.1:");
    assertThat(runtime.findContainer("dind-registry-cluster-3")).isPresent();
    List<String> journal = runtime.journal();
    assertThat(journal).containsSubsequence("create network kubeadm-dind-net-cluster-3",
        "create container dind-registry-cluster-3", "create container kube-master-cluster-3");
    assertThat(commands).anyMatch(c -> c.startsWith("kube-master-cluster-3: kubeadm init"));
    assertThat(commands).anyMatch(c -> c.startsWith("kube-node-2-cluster-3: kubeadm join"));
    assertThat(commands).anyMatch(c -> c.startsWith("kube-node-1-cluster-3: sh -c") && c.contains("DNAT"));
    assertThat(indexOf("kubeadm init")).isLessThan(indexOf("kubeadm join"));
    assertThat(api.applied).anyMatch(m -> m.contains("cluster-dns"));

    ActionRunner.run(session(), ClusterLifecycle.down());
    assertThat(runtime.containersWithLabel(ClusterLabels.filter(plan), true)).isEmpty();
    assertThat(runtime.findContainer("dind-registry-cluster-3")).isPresent();
    commands.clear();
    ActionRunner.run(session(), ClusterLifecycle.restore(plan));
    assertThat(commands).noneMatch(c -> c.contains("kubeadm init") || c.contains("kubeadm join"));
    assertThat(commands).anyMatch(c -> c.startsWith("kube-node-2-cluster-3: sh -c") && c.contains("DNAT"));
    assertThat(runtime.containersWithLabel(ClusterLabels.filter(plan), false)).hasSize(3);
  }

  private int indexOf(String command) {
    for (int i = 0; i < commands.size(); i++) {
      if (commands.get(i).contains(command)) {
        return i;
      }
    }
    throw new AssertionError("no command containing '" + command + "' in " + commands);
  }
}
