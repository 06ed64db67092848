package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  private final FakeNodeRuntime[] runtimeRef = new FakeNodeRuntime[1];
  private volatile boolean issuingFails;
  private final FakeKubeApi api = new FakeKubeApi();
  private final FakeNodeRuntime runtime = new FakeNodeRuntime()
      .addImage(plan.image(), Map.of())
      .addImage(SupportContainers.IMAGE, Map.of(LocalRegistry.IMAGE_LABEL, "docker-registry"))
      .onExec((node, request) -> {
        synchronized (commands) {
          commands.add(node + ": " + request.display());
        }
        String shown = request.display();
        if (shown.contains("kubeconfig kubelet") && issuingFails) {
          return new ExecResult(1, "", "can not mix '--config' with arguments [kubeconfig-dir]\n");
        }
        if (shown.contains("admin.conf") || shown.contains("kubeconfig kubelet")) {
          return new ExecResult(0, KubeconfigStoreContract.ADMIN_CONF, "");
        }
        if (shown.contains("ca.crt")) {
          return new ExecResult(0, CA_PEM, "");
        }
        if (shown.startsWith("kubeadm init")) {
          // As kube-controller-manager's bootstrap signer does a moment after init made the token.
          String config = new String(runtimeRef[0].readFile(node, KubeadmFiles.CONFIG_PATH), StandardCharsets.UTF_8);
          java.util.regex.Matcher token = java.util.regex.Pattern.compile("([a-z0-9]{6})\\.[a-z0-9]{16}").matcher(config);
          assertThat(token.find()).as("a bootstrap token in the init configuration").isTrue();
          api.configMapKeys.put("kube-public/cluster-info", java.util.Set.of("kubeconfig", "jws-kubeconfig-" + token.group(1)));
        }
        if (shown.startsWith("kubeadm token create")) {
          return new ExecResult(0, "abcdef.0123456789abcdef\n", "");
        }
        return new ExecResult(0, "", "");
      });

  {
    runtimeRef[0] = runtime;
  }
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
        new ClusterSession.Options(false, Duration.ofSeconds(5))).withKubeApiWarmUp(warmUps::incrementAndGet);
  }

  /** How often a run asked for the API client to be prepared (once per run that talks to the API server). */
  private final java.util.concurrent.atomic.AtomicInteger warmUps = new java.util.concurrent.atomic.AtomicInteger();

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
    assertThat(commands).anyMatch(c -> c.startsWith("kube-node-2-cluster-3: kubeadm join") && c.contains("--skip-phases=preflight"));
    assertThat(commands).anyMatch(c -> c.startsWith("kube-node-1-cluster-3: sh -c") && c.contains("DNAT"));
    // The certificates and kubeconfig files are made while the master boots, before kubeadm init runs.
    assertThat(indexOf("kube-master-cluster-3: kubeadm init phase certs all --config")).isLessThan(
        indexOf("kube-master-cluster-3: kubeadm init phase kubeconfig all --config"));
    assertThat(indexOf("kube-master-cluster-3: kubeadm init phase kubeconfig all --config")).isLessThan(
        indexOf("kube-master-cluster-3: kubeadm init --config"));
    // Its admin credentials are read from the file that phase wrote, before init (which keeps the file).
    assertThat(indexOf("kube-master-cluster-3: kubeadm init phase kubeconfig all --config")).isLessThan(
        indexOf("kube-master-cluster-3: cat /etc/kubernetes/admin.conf"));
    assertThat(indexOf("kube-master-cluster-3: cat /etc/kubernetes/admin.conf")).isLessThan(
        indexOf("kube-master-cluster-3: kubeadm init --config"));
    assertThat(indexOf("kubeadm init --config")).isLessThan(indexOf("kubeconfig kubelet --config"));
    assertThat(indexOf("kubeconfig kubelet --config")).isLessThan(indexOf("kubeadm join"));
    // Each worker holds its issued pair and a kubelet.conf naming it, as a TLS bootstrap leaves them.
    assertThat(runtime.journal()).anyMatch(j -> j.matches(
        "write kube-node-1-cluster-3:/var/lib/kubelet/pki/kubelet-client-\\d{4}(-\\d\\d){5}\\.pem"));
    assertThat(new String(runtime.readFile("kube-node-2-cluster-3", KubeletCredentials.STAGED_CONF), StandardCharsets.UTF_8))
        .contains("client-certificate: " + KubeletCredentials.CURRENT_PEM);
    assertThat(commands).anyMatch(c -> c.startsWith("kube-node-2-cluster-3: sh -c ln -sfn kubelet-client-"));
    // The DNS server reaches the API server by its own address (kube-proxy's rules come later on a restore).
    assertThat(api.applied).filteredOn(m -> m.contains("cluster-dns")).singleElement().satisfies(m -> assertThat(m)
        .contains("value: \"" + plan.advertiseAddress() + "\"", "value: \"6443\"").doesNotContain("__"));

    assertThat(warmUps).hasValue(1);
    ActionRunner.run(session(), ClusterLifecycle.down());
    assertThat(warmUps).as("down talks to no API server").hasValue(1);
    assertThat(runtime.containersWithLabel(ClusterLabels.filter(plan), true)).isEmpty();
    assertThat(runtime.findContainer("dind-registry-cluster-3")).isPresent();
    commands.clear();
    ActionRunner.run(session(), ClusterLifecycle.restore(plan));
    assertThat(commands).noneMatch(c -> c.contains("kubeadm init") || c.contains("kubeadm join"));
    assertThat(commands).anyMatch(c -> c.startsWith("kube-node-2-cluster-3: sh -c") && c.contains("DNAT"));
    assertThat(runtime.containersWithLabel(ClusterLabels.filter(plan), false)).hasSize(3);
    assertThat(warmUps).hasValue(2);
  }

  @Test
  void extraInitArgumentsLeaveTheCertificatesToKubeadmInit() throws Exception {
    ActionRunner.run(session(), ClusterLifecycle.fullBringUp(plan, List.of("--v=1"), List.of()));
    assertThat(commands).noneMatch(c -> c.contains("kubeadm init phase certs") || c.contains("kubeadm init phase kubeconfig all"));
    assertThat(commands).anyMatch(c -> c.startsWith("kube-master-cluster-3: kubeadm init --config") && c.endsWith("--v=1"));
  }

  @Test
  void workersWhoseCertificateCannotBeIssuedStillJoinByBootstrapping() throws Exception {
    issuingFails = true;
    ActionRunner.run(session(), ClusterLifecycle.fullBringUp(plan, List.of(), List.of()));
    assertThat(commands).anyMatch(c -> c.startsWith("kube-node-1-cluster-3: kubeadm join"));
    assertThat(runtime.journal()).noneMatch(j -> j.contains("/var/lib/kubelet/pki/kubelet-client-"));
  }

  @Test
  void aBakedClusterComesBackFromItsImagesWithItsStateAndWithoutKubeadm() throws Exception {
    ActionRunner.run(session(), ClusterLifecycle.fullBringUp(plan, List.of(), List.of()));

    commands.clear();
    ActionRunner.run(session(), ClusterBake.bake(plan, "ci/cluster:v1"));
    // Each volume is tarred inside a helper, extended attributes and devices kept, into the image's own files.
    assertThat(commands).filteredOn(c -> c.contains("tar --xattrs --xattrs-include='*' --numeric-owner -C /dind-volume -cf"))
        .hasSize(3).allMatch(c -> c.startsWith("kubeadm-dind-bake-"));
    assertThat(runtime.journal()).containsSubsequence("stop container kube-master-cluster-3", "remove container kube-master-cluster-3");
    assertThat(runtime.containersWithLabel(ClusterLabels.filter(plan), true)).as("down, helpers removed").isEmpty();
    assertThat(ClusterBake.images(plan, "ci/cluster:v1")).containsExactly("ci/cluster:v1-kube-master-cluster-3",
        "ci/cluster:v1-kube-node-1-cluster-3", "ci/cluster:v1-kube-node-2-cluster-3", plan.image());
    assertThat(runtime.imageLabels("ci/cluster:v1-kube-node-2-cluster-3").orElseThrow())
        .containsEntry(ClusterBake.BAKED_NODE, "kube-node-2-cluster-3")
        .containsEntry(ClusterBake.BAKED_PLAN, ClusterBake.bakedPlan(plan))
        .containsEntry(ClusterBake.BAKED_ID, runtime.imageLabels("ci/cluster:v1-kube-master-cluster-3").orElseThrow().get(ClusterBake.BAKED_ID));

    // Every image runs as a CI service by default (the service refuses this 3-node one itself), with its facts beside it.
    assertThat(runtime.journal()).filteredOn(l -> l.startsWith("commit ")).hasSize(3)
        .allMatch(l -> l.endsWith(" with command " + ClusterBake.SERVICE_ARG));
    assertThat(ClusterBake.serviceEnv(plan, plan.master())).contains("DIND_SERVICE_NODE='kube-master-cluster-3'\n",
        "DIND_SERVICE_NODES='3'\n", "DIND_SERVICE_ADDRESS='10.192.3.2'\n", "DIND_SERVICE_IP_MODE='ipv4'\n",
        "DIND_SERVICE_CRI='docker'\n");

    assertThat(runtime.containersWithLabel(ClusterLabels.bakeHelperFilter(plan), true)).as("helpers removed").isEmpty();
    // A container run from a baked image (the CI service) is not the cluster's: clean leaves it alone.
    runtime.createContainer(dev.dindcluster.runtime.NodeSpec.builder("ci-service", "ci/cluster:v1-kube-master-cluster-3").build());

    ActionRunner.run(session(), ClusterLifecycle.clean());
    assertThat(runtime.findContainer("ci-service")).as("the service container survives clean").isPresent();
    runtime.removeContainer("ci-service");
    assertThat(runtime.volumesWithLabel(ClusterLabels.filter(plan))).isEmpty();
    // Another cluster id cannot use them: the addresses are in the certificates.
    ClusterPlan other = Planner.plan(Map.of("CLUSTER_ID", "4", "DIND_LOCAL_REGISTRY_PORT", "5001"), ClusterLifecycleTest.RELEASE, () -> 1);
    assertThatThrownBy(() -> ClusterBake.checkUnbake(other, runtime, "ci/cluster:v1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no image ci/cluster:v1-kube-master-cluster-4");
    ClusterPlan moreNodes = Planner.plan(Map.of("CLUSTER_ID", "3", "NUM_NODES", "3", "DIND_LOCAL_REGISTRY_PORT", "5001"),
        ClusterLifecycleTest.RELEASE, () -> 1);
    assertThatThrownBy(() -> ClusterBake.checkUnbake(moreNodes, runtime, "ci/cluster:v1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was baked with other settings: nodes has 3 entries baked, 4 in this run (NUM_NODES");
    ClusterPlan otherService = Planner.plan(Map.of("CLUSTER_ID", "3", "SERVICE_CIDR", "10.97.0.0/16", "DIND_LOCAL_REGISTRY_PORT", "5001"),
        ClusterLifecycleTest.RELEASE, () -> 1);
    assertThatThrownBy(() -> ClusterBake.checkUnbake(otherService, runtime, "ci/cluster:v1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serviceCidr was \"10.96.0.0/12\", this run gives \"10.97.0.0/16\" (SERVICE_CIDR)");
    assertThatThrownBy(() -> ClusterBake.checkName("CI/Cluster"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'CI/Cluster' is not an image name");

    commands.clear();
    ClusterSession session = session();
    ActionRunner.run(session, ClusterBake.unbake(session, "ci/cluster:v1"));
    assertThat(commands).noneMatch(c -> c.contains("kubeadm init") || c.contains("kubeadm join"));
    assertThat(runtime.containersWithLabel(ClusterLabels.filter(plan), false)).hasSize(3);
    assertThat(runtime.containersWithLabel(ClusterLabels.filter(plan), true)).as("no helper left").hasSize(3);
    assertThat(commands).filteredOn(c -> c.contains("-C /dind-volume -xpf /dind-baked/var.tar")).hasSize(3);
    assertThat(session.upDecision().orElseThrow().mode()).isEqualTo(ClusterLifecycle.UpMode.RESTORE);
    // A second --from over the running cluster is refused before anything is touched.
    assertThatThrownBy(() -> ClusterBake.checkUnbake(plan, runtime, "ci/cluster:v1"))
        .isInstanceOf(ClusterStateException.class).hasMessageContaining("already has volume");
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
