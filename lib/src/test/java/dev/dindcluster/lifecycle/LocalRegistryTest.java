package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dindcluster.kube.KubeconfigStore;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.progress.Progress;
import dev.dindcluster.runtime.FakeNodeRuntime;
import dev.dindcluster.runtime.NetworkSpec;
import dev.dindcluster.runtime.NodeSecurity;
import dev.dindcluster.runtime.NodeSpec;
import dev.dindcluster.runtime.PortMapping;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local registry as data, what {@code up}/{@code down}/{@code clean} do with it, and the node rules (fake engine). */
class LocalRegistryTest {
  private final FakeNodeRuntime runtime =
      new FakeNodeRuntime().addImage(SupportContainers.IMAGE, Map.of(LocalRegistry.IMAGE_LABEL, "docker-registry"));

  private static ClusterPlan plan(String... assignments) {
    return SupportContainersTest.plan(assignments);
  }

  @Test
  void withoutThePortThereAreNoSteps() {
    ClusterPlan plan = plan("CLUSTER_ID=3");
    assertThat(LocalRegistry.start(plan)).isEmpty();
    assertThat(LocalRegistry.routeNodes(plan, plan.nodes())).isEmpty();
    assertThat(NodeContainers.spec(plan, plan.master(), NodeSecurity.RESTRICTED).sysctls())
        .doesNotContainKey("net.ipv4.conf.all.route_localnet");
  }

  @Test
  void theRegistryIsPublishedOnLoopbackOnlyAtItsFixedAddressAndKeptByDown() {
    NodeSpec spec = SupportContainers.registry(plan("CLUSTER_ID=3", "DIND_LOCAL_REGISTRY_PORT=5001"));
    assertThat(spec.name()).isEqualTo("dind-registry-cluster-3");
    assertThat(spec.ipv4()).isEqualTo("10.192.3.254");
    assertThat(spec.network()).isEqualTo("kubeadm-dind-net-cluster-3");
    assertThat(spec.ports()).containsExactly(new PortMapping("127.0.0.1", 5001, 5000));
    assertThat(spec.security()).isEqualTo(NodeSecurity.DEFAULT);
    // The support label, not the cluster label: down removes only cluster-labelled containers.
    assertThat(spec.labels()).containsEntry(ClusterLabels.SUPPORT, "cluster-3").doesNotContainKey(ClusterLabels.CLUSTER);
  }

  @Test
  void inDualStackBothAddressesAreFixed() {
    NodeSpec spec = SupportContainers.registry(plan("CLUSTER_ID=21", "IP_MODE=dual-stack", "DIND_LOCAL_REGISTRY_PORT=5001"));
    assertThat(spec.ipv4()).isEqualTo("10.192.21.254");
    assertThat(spec.ipv6()).isEqualTo("fd00:20:21::fe");
  }

  @Test
  void nodesGetRouteLocalnetAndIdempotentRulesForTheirOwnLoopbackPort() {
    ClusterPlan plan = plan("CLUSTER_ID=3", "DIND_LOCAL_REGISTRY_PORT=5001");
    assertThat(NodeContainers.spec(plan, plan.workers().get(0), NodeSecurity.RESTRICTED).sysctls())
        .containsEntry("net.ipv4.conf.all.route_localnet", "1");
    String rules = LocalRegistry.nodeRules(plan.localRegistryPlan().orElseThrow());
    assertThat(rules).contains(
        "iptables -t nat -C OUTPUT -d 127.0.0.1/32 -p tcp --dport 5001 -j DNAT --to-destination 10.192.3.254:5000",
        "|| iptables -t nat -A OUTPUT -d 127.0.0.1/32 -p tcp --dport 5001 -j DNAT --to-destination 10.192.3.254:5000",
        "POSTROUTING -s 127.0.0.1/32 -d 10.192.3.254/32 -p tcp --dport 5000 -j MASQUERADE");
  }

  @Test
  void upStartsItOnceAndKeepsItAChangedPortReplacesIt() throws Exception {
    ClusterPlan plan = plan("CLUSTER_ID=3", "DIND_LOCAL_REGISTRY_PORT=5001");
    start(plan);
    assertThat(runtime.journal()).containsSubsequence("create container dind-registry-cluster-3", "start container dind-registry-cluster-3");
    int before = runtime.journal().size();
    start(plan);
    assertThat(runtime.journal().subList(before, runtime.journal().size()))
        .noneMatch(line -> line.startsWith("create") || line.startsWith("remove"));
    start(plan("CLUSTER_ID=3", "DIND_LOCAL_REGISTRY_PORT=5002"));
    assertThat(runtime.journal().subList(before, runtime.journal().size()))
        .containsSubsequence("remove container dind-registry-cluster-3", "create container dind-registry-cluster-3");
    assertThat(runtime.specOf("dind-registry-cluster-3").orElseThrow().ports()).containsExactly(new PortMapping("127.0.0.1", 5002, 5000));
  }

  @Test
  void downKeepsItAndCleanRemovesIt() throws Exception {
    ClusterPlan plan = plan("CLUSTER_ID=3", "DIND_LOCAL_REGISTRY_PORT=5001");
    start(plan);
    ActionRunner.run(session(plan), ClusterLifecycle.down());
    assertThat(runtime.findContainer("dind-registry-cluster-3")).isPresent();
    // clean's steps but the kubeconfig's (a fake engine has no cluster to forget)
    ActionRunner.run(session(plan), ClusterLifecycle.clean().stream().filter(a -> !a.title().contains("kubeconfig")).toList());
    assertThat(runtime.findContainer("dind-registry-cluster-3")).isEmpty();
  }

  @Test
  void aSupportImageWithoutTheRegistrySaysHowToRebuildIt() {
    FakeNodeRuntime old = new FakeNodeRuntime().addImage(SupportContainers.IMAGE, Map.of());
    ClusterPlan plan = plan("DIND_LOCAL_REGISTRY_PORT=5001");
    ClusterSession session = new ClusterSession(plan, old, kubeconfigs(), e -> null, Progress.silent(), ClusterSession.Options.defaults());
    assertThatThrownBy(() -> LocalRegistry.start(plan).get(0).execute(session))
        .isInstanceOf(LifecycleFailure.class).hasMessageContaining("built without the registry")
        .hasMessageContaining("scripts/build-support-image");
    assertThat(old.journal()).noneMatch(line -> line.startsWith("create"));
  }

  private void start(ClusterPlan plan) throws Exception {
    runtime.createNetworkIfAbsent(new NetworkSpec(plan.network().name(), ClusterLabels.of(plan), List.of(), true));
    LocalRegistry.start(plan).get(0).execute(session(plan));
  }

  private ClusterSession session(ClusterPlan plan) {
    return new ClusterSession(plan, runtime, kubeconfigs(), e -> null, Progress.silent(), ClusterSession.Options.defaults());
  }

  private static KubeconfigStore kubeconfigs() {
    return (KubeconfigStore) Proxy.newProxyInstance(KubeconfigStore.class.getClassLoader(), new Class<?>[] {KubeconfigStore.class},
        (proxy, method, args) -> {
          throw new UnsupportedOperationException("the registry never touches the kubeconfig");
        });
  }
}
