package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.kube.KubeconfigStore;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.Planner;
import dev.dindcluster.progress.Progress;
import dev.dindcluster.runtime.ExecResult;
import dev.dindcluster.runtime.FakeNodeRuntime;
import dev.dindcluster.runtime.NetworkSpec;
import dev.dindcluster.runtime.NodeSecurity;
import dev.dindcluster.runtime.NodeSpec;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DNS64/NAT64 containers as data, and what {@code up} does with existing ones (against the fake engine). */
class SupportContainersTest {
  private static final FixedRelease RELEASE = new FixedRelease("dind-cluster-v1.20", "v1.20.2", "dind-cluster/node:v1.20.2");

  private final FakeNodeRuntime runtime = new FakeNodeRuntime().addImage(SupportContainers.IMAGE, Map.of());

  static ClusterPlan plan(String... assignments) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String a : assignments) {
      settings.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    }
    return Planner.plan(settings, RELEASE, () -> 7);
  }

  @Test
  void nat64ContainerHasTheOriginalsNameAndAddressesAndKeepsItsOwnAddressOutOfThePool() {
    NodeSpec tayga = SupportContainers.nat64(plan("IP_MODE=ipv6", "CLUSTER_ID=6"), NodeSecurity.RESTRICTED);
    assertThat(tayga.name()).isEqualTo("tayga-cluster-6");
    assertThat(tayga.network()).isEqualTo("kubeadm-dind-net-cluster-6");
    assertThat(tayga.ipv6()).isEqualTo("fd00:20:6::200");
    assertThat(tayga.ipv4()).isEqualTo("172.24.0.200");
    assertThat(tayga.env()).containsEntry("NAT64_PREFIX", "fd00:10:64:ff9b::/96")
        .containsEntry("NAT64_POOL", "172.24.0.128/25")
        .containsEntry("NAT64_IPV4_ADDR", "172.24.0.129")
        .containsEntry("NAT64_RESERVED", "172.24.0.200");
    assertThat(tayga.labels()).containsEntry(ClusterLabels.SUPPORT, "cluster-6").containsKey("dind-support-cluster-6")
        .doesNotContainKey(ClusterLabels.CLUSTER);
    assertThat(tayga.devices()).containsExactly("/dev/net/tun");
    assertThat(tayga.sysctls()).containsEntry("net.ipv4.conf.all.proxy_arp", "1").containsEntry("net.ipv4.ip_forward", "1");
    assertThat(tayga.command()).containsExactly("dind-nat64");
    assertThat(tayga.security()).isEqualTo(NodeSecurity.RESTRICTED);
  }

  @Test
  void dns64ContainerForwardsToTheUpstreamThroughTheNat64Prefix() {
    NodeSpec bind9 = SupportContainers.dns64(
        plan("IP_MODE=ipv6", "REMOTE_DNS64_V4SERVER=172.18.0.53", "DNS64_PREFIX=fd00:77::", "DNS64_PREFIX_SIZE=64"),
        NodeSecurity.PRIVILEGED);
    assertThat(bind9.name()).isEqualTo("bind9");
    assertThat(bind9.ipv6()).isEqualTo("fd00:20::100");
    assertThat(bind9.ipv4()).isNull();
    // RFC 6052 /64: the IPv4 address skips bits 64..71.
    assertThat(bind9.env()).containsEntry("DNS64_FORWARDER", "fd00:77::ac:1200:3500:0")
        .containsEntry("DNS64_PREFIX", "fd00:77::/64")
        .containsEntry("NAT64_GATEWAY", "fd00:20::200")
        .containsEntry("DNS64_USE_AAAA", "false");
    assertThat(SupportContainers.dns64(plan("IP_MODE=ipv6", "DIND_ALLOW_AAAA_USE=true"), NodeSecurity.PRIVILEGED).env())
        .containsEntry("DNS64_USE_AAAA", "true");
  }

  @Test
  void otherModesHaveNoSupportContainers() {
    ClusterPlan dual = plan("IP_MODE=dual-stack");
    assertThat(Ipv6Setup.supportContainers(dual)).isEmpty();
    assertThat(Ipv6Setup.routeNodes(dual, dual.nodes())).isEmpty();
    assertThatThrownBy(() -> SupportContainers.nat64(dual, NodeSecurity.PRIVILEGED))
        .hasMessageContaining("dual-stack mode").hasMessageContaining("ipv6 mode only");
  }

  @Test
  void supportContainersRouteBackToEveryNodesPods() {
    assertThat(Ipv6Setup.podRoutes(plan("IP_MODE=ipv6", "CLUSTER_ID=6"))).containsExactly(
        "ip -6 route replace fd00:40:0:0:1::/80 via fd00:20:6::2",
        "ip -6 route replace fd00:40:0:0:2::/80 via fd00:20:6::3",
        "ip -6 route replace fd00:40:0:0:3::/80 via fd00:20:6::4");
  }

  @Test
  void upStartsMissingOnesTayga1stAndKeepsRunningOnesWithTheSameConfiguration() throws Exception {
    ClusterPlan plan = plan("IP_MODE=ipv6", "CLUSTER_ID=6");
    ensure(plan);
    assertThat(runtime.journal()).containsSubsequence(
        "create container tayga-cluster-6", "start container tayga-cluster-6",
        "create container bind9-cluster-6", "start container bind9-cluster-6");
    int before = runtime.journal().size();
    ensure(plan);
    assertThat(runtime.journal().subList(before, runtime.journal().size()))
        .noneMatch(line -> line.startsWith("create") || line.startsWith("remove"));
  }

  @Test
  void upStartsAStoppedOneAndReplacesOneWhoseConfigurationChanged() throws Exception {
    ensure(plan("IP_MODE=ipv6", "CLUSTER_ID=6"));
    runtime.stopContainer("tayga-cluster-6", java.time.Duration.ZERO);
    int before = runtime.journal().size();
    ensure(plan("IP_MODE=ipv6", "CLUSTER_ID=6", "REMOTE_DNS64_V4SERVER=172.24.0.53"));
    List<String> after = runtime.journal().subList(before, runtime.journal().size());
    assertThat(after).contains("start container tayga-cluster-6").doesNotContain("create container tayga-cluster-6");
    assertThat(after).containsSubsequence("remove container bind9-cluster-6", "create container bind9-cluster-6");
    assertThat(runtime.specOf("bind9-cluster-6").orElseThrow().env()).containsEntry("DNS64_FORWARDER", "fd00:10:64:ff9b::ac18:35");
  }

  @Test
  void aSameNamedContainerOfSomeoneElseIsLeftAlone() {
    ClusterPlan plan = plan("IP_MODE=ipv6", "CLUSTER_ID=6");
    network(plan);
    runtime.addImage("other", Map.of());
    runtime.run(NodeSpec.builder("tayga-cluster-6", "other").label("someone", "else").build());
    assertThatThrownBy(() -> action(plan).execute(session(plan)))
        .isInstanceOf(ClusterStateException.class).hasMessageContaining("'tayga-cluster-6' exists but is not labelled");
    assertThat(runtime.findContainer("tayga-cluster-6").orElseThrow().image()).isEqualTo("other");
  }

  @Test
  void aMissingImageSaysHowToBuildIt() {
    FakeNodeRuntime empty = new FakeNodeRuntime();
    ClusterPlan plan = plan("IP_MODE=ipv6");
    ClusterSession session = new ClusterSession(plan, empty, kubeconfigs(), e -> null, Progress.silent(),
        ClusterSession.Options.defaults());
    assertThatThrownBy(() -> action(plan).execute(session))
        .isInstanceOf(LifecycleFailure.class).hasMessageContaining("scripts/build-support-image");
  }

  @Test
  void aContainerThatNeverBecomesReadyFailsWithItsOutputAndIsRolledBack() {
    ClusterPlan plan = plan("IP_MODE=ipv6", "CLUSTER_ID=6");
    network(plan);
    runtime.onExec((c, r) -> {
      if (!c.startsWith("bind9")) {
        return new ExecResult(0, "", "");
      }
      runtime.appendLogs(c, "named: bad config\n");
      return new ExecResult(1, "", "");
    });
    // The whole 20 s start timeout on a fake clock: polled every 200 ms, no real waiting.
    var time = new dev.dindcluster.kube.FakeTime();
    ClusterSession session = new ClusterSession(plan, runtime, kubeconfigs(), e -> null, Progress.silent(),
        ClusterSession.Options.defaults()).withTime(time.clock, time.sleeper);
    long start = System.nanoTime();
    assertThatThrownBy(() -> ActionRunner.run(session, List.of(action(plan))))
        .hasMessageContaining("'bind9-cluster-6' is not ready after 20000 ms").hasMessageContaining("named: bad config");
    assertThat(time.slept()).isBetween(java.time.Duration.ofSeconds(20), java.time.Duration.ofMillis(20_200));
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(5));
    assertThat(runtime.findContainer("bind9-cluster-6")).isEmpty();
    assertThat(runtime.findContainer("tayga-cluster-6")).isEmpty();
  }

  private void ensure(ClusterPlan plan) throws Exception {
    network(plan);
    action(plan).execute(session(plan));
  }

  private void network(ClusterPlan plan) {
    runtime.createNetworkIfAbsent(new NetworkSpec(plan.network().name(), ClusterLabels.of(plan), List.of(), true));
  }

  private static Action action(ClusterPlan plan) {
    return Ipv6Setup.supportContainers(plan).get(0);
  }

  private ClusterSession session(ClusterPlan plan) {
    return new ClusterSession(plan, runtime, kubeconfigs(), e -> null, Progress.silent(), ClusterSession.Options.defaults());
  }

  private static KubeconfigStore kubeconfigs() {
    return (KubeconfigStore) Proxy.newProxyInstance(KubeconfigStore.class.getClassLoader(), new Class<?>[] {KubeconfigStore.class},
        (proxy, method, args) -> {
          throw new UnsupportedOperationException("support containers never touch the kubeconfig");
        });
  }
}
