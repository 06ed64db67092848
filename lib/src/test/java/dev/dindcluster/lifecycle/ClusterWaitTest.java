package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dindcluster.kube.FakeKubeApi;
import dev.dindcluster.kube.FakeTime;
import dev.dindcluster.kube.KubeconfigEntry;
import dev.dindcluster.kube.NodeStatus;
import dev.dindcluster.kube.PodStatus;
import dev.dindcluster.kube.fabric8.Fabric8KubeconfigStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wait}: the same readiness as the end of {@code up}, polled through whatever way to the API exists. */
class ClusterWaitTest {
  @TempDir Path dir;
  private final LiveClusterFixture cluster = new LiveClusterFixture();
  private final FakeTime time = new FakeTime();
  private final ClusterWait wait = new ClusterWait(time.clock, time.sleeper, Duration.ofSeconds(1));

  @Test
  void aClusterWhoseMasterNeverRunsTimesOutSayingSo() {
    var store = new Fabric8KubeconfigStore(dir.resolve("config"), Duration.ofSeconds(2));
    assertThatThrownBy(() -> wait.await(cluster.plan, cluster.runtime, store, entry -> {
      throw new AssertionError("no API without a master");
    }, Duration.ofSeconds(10)))
        .isInstanceOf(ClusterWait.TimedOut.class)
        .hasMessageContaining("not ready after 10 s").hasMessageContaining("is not running");
    assertThat(time.slept()).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void readyOnceTheNodesAndClusterDnsAre() {
    cluster.node(0, true).node(1, true).node(2, true);
    var store = new Fabric8KubeconfigStore(dir.resolve("config"), Duration.ofSeconds(2));
    store.merge(new KubeconfigEntry(cluster.plan.context(), "https://127.0.0.1:4443", "Q0E=", "Q0VSVA==", "S0VZ"), false);
    FakeKubeApi api = new FakeKubeApi();
    cluster.plan.nodes().forEach(n -> api.nodeList.add(new NodeStatus(n.name(), true, List.of(), "10.192.5.2", "v1.20.2")));
    api.pod("kube-system", "cluster-dns-abc", cluster.nodeName(1), new PodStatus.Container("cluster-dns", "img", false, 0));
    // Not ready while the DNS pod is not; the wait gives up and says which pod.
    assertThatThrownBy(() -> wait.await(cluster.plan, cluster.runtime, store, entry -> api, Duration.ofSeconds(5)))
        .isInstanceOf(ClusterWait.TimedOut.class).hasMessageContaining("no ready pod kube-system/cluster-dns-*");
    api.pods.clear();
    api.pod("kube-system", "cluster-dns-abc", cluster.nodeName(1), new PodStatus.Container("cluster-dns", "img", true, 0));
    assertThat(wait.await(cluster.plan, cluster.runtime, store, entry -> api, Duration.ofSeconds(5))).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void statusesFromBeforeTheMasterStartedDoNotCount() {
    cluster.node(0, true).node(1, true).node(2, true);
    var store = new Fabric8KubeconfigStore(dir.resolve("config"), Duration.ofSeconds(2));
    store.merge(new KubeconfigEntry(cluster.plan.context(), "https://127.0.0.1:4443", "Q0E=", "Q0VSVA==", "S0VZ"), false);
    FakeKubeApi api = new FakeKubeApi();
    java.time.Instant beforeDown = java.time.Instant.now().minusSeconds(3600);
    cluster.plan.nodes().forEach(n -> api.nodeList.add(new NodeStatus(n.name(), true, List.of(), "10.192.5.2", "v1.20.2", beforeDown)));
    api.pod("kube-system", "cluster-dns-abc", cluster.nodeName(1), new PodStatus.Container("cluster-dns", "img", true, 0));
    assertThatThrownBy(() -> wait.await(cluster.plan, cluster.runtime, store, entry -> api, Duration.ofSeconds(3)))
        .isInstanceOf(ClusterWait.TimedOut.class).hasMessageContaining("no report from kubelet since the bring-up began");
    api.nodeList.replaceAll(n -> new NodeStatus(n.name(), true, List.of(), "10.192.5.2", "v1.20.2",
        java.time.Instant.now().plusSeconds(1)));
    assertThat(wait.await(cluster.plan, cluster.runtime, store, entry -> api, Duration.ofSeconds(3))).isLessThan(Duration.ofSeconds(3));
  }
}
