package dev.dindcluster.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.config.InvalidConfigException;
import dev.dindcluster.kube.fabric8.Fabric8KubeconfigStore;
import dev.dindcluster.lifecycle.Adapters;
import dev.dindcluster.lifecycle.FakeAdapters;
import dev.dindcluster.runtime.ExecResult;
import dev.dindcluster.runtime.FakeNodeRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's own contract on fakes; test/examples.sh drives it on the real engine through JBang and JShell. */
class DindClusterTest {
  @TempDir Path tmp;

  Adapters fakes(FakeNodeRuntime runtime) {
    return FakeAdapters.of(runtime, new Fabric8KubeconfigStore(tmp.resolve("kubeconfig"), Duration.ofSeconds(5)));
  }

  @Test
  void buildListsEveryProblemAtOnceAndCreatesNothing() {
    FakeNodeRuntime runtime = new FakeNodeRuntime();
    assertThatThrownBy(() -> DindCluster.builder().adapters(fakes(runtime), () -> 1)
        .numNodes(-1).ipMode("ipv5").set("CNI_PLUGIN", "cilium").build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("NUM_NODES").hasMessageContaining("IP_MODE").hasMessageContaining("CNI_PLUGIN");
    assertThat(runtime.journal()).isEmpty();
    assertThatThrownBy(() -> DindCluster.builder().adapters(fakes(runtime), () -> 1).set("NUM_NODE", "5").build())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("did you mean NUM_NODES?");
    assertThatThrownBy(() -> DindCluster.builder().kubernetesVersion("1.20"))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'1.20'");
  }

  @Test
  void explicitKnobsWinOverTheConfigFile() throws Exception {
    Path config = Files.writeString(tmp.resolve("config.sh"), "NUM_NODES=5\nCLUSTER_ID=3\n");
    DindCluster cluster = DindCluster.builder().adapters(fakes(new FakeNodeRuntime()), () -> 1)
        .config(config).clusterId(7).quiet().build();
    assertThat(cluster.context()).isEqualTo("dind-cluster-7");
    assertThat(cluster.planJson()).contains("kube-node-5-cluster-7");
    assertThat(cluster.kubernetesVersion()).isEqualTo(FixedRelease.DEFAULT_VERSION);
    assertThat(cluster.kubeadmConfig()).contains("kind: InitConfiguration");
  }

  @Test
  void zonesLabelsAndTaintsAreBuilderOptions() {
    DindCluster cluster = DindCluster.builder().adapters(fakes(new FakeNodeRuntime()), () -> 1).numNodes(3)
        .zones("a", "b").nodeLabel("kube-node-1", "example.com/disk", "ssd").nodeLabel("kube-node-2", "tier", "db")
        .nodeTaint("kube-node-3", "dedicated", "db", "NoSchedule").quiet().build();
    String kubeadm = cluster.kubeadmConfig();
    assertThat(kubeadm).contains("node-labels: example.com/disk=ssd,failure-domain.beta.kubernetes.io/region=dind,"
        + "failure-domain.beta.kubernetes.io/zone=a,topology.kubernetes.io/region=dind,topology.kubernetes.io/zone=a")
        .contains("node-labels: failure-domain.beta.kubernetes.io/region=dind,failure-domain.beta.kubernetes.io/zone=b,"
            + "tier=db,topology.kubernetes.io/region=dind,topology.kubernetes.io/zone=b")
        .contains("key: dedicated");
    assertThatThrownBy(() -> DindCluster.builder().adapters(fakes(new FakeNodeRuntime()), () -> 1)
        .nodeTaint("kube-node-1", "x", "", "Sometimes").build())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("DIND_NODE_TAINTS");
  }

  @Test
  void theLocalRegistryIsABuilderOptionAndTellsWhereToPush() {
    DindCluster cluster = DindCluster.builder().adapters(fakes(new FakeNodeRuntime()), () -> 1).clusterId(3)
        .localRegistryPort(5001).quiet().build();
    assertThat(cluster.localRegistry()).contains("127.0.0.1:5001");
    assertThat(cluster.planJson()).contains("\"container\": \"dind-registry-cluster-3\"");
    assertThat(DindCluster.builder().adapters(fakes(new FakeNodeRuntime()), () -> 1).quiet().build().localRegistry()).isEmpty();
    assertThatThrownBy(() -> DindCluster.builder().adapters(fakes(new FakeNodeRuntime()), () -> 1)
        .localRegistryPort(70000).build())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("DIND_LOCAL_REGISTRY_PORT");
  }

  @Test
  void bakeAndUpFromReportBadInputAsIllegalArgumentsAndWrongStateAsDindClusterExceptions() {
    FakeNodeRuntime runtime = new FakeNodeRuntime().addImage("dind-cluster/node:v1.20.2", Map.of());
    DindCluster cluster = DindCluster.builder().adapters(fakes(runtime), () -> 1).clusterId(5).numNodes(1).quiet().build();
    assertThatThrownBy(() -> cluster.bake("Not/A Name"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Not/A Name' is not an image name");
    assertThatThrownBy(() -> cluster.bake("ci/cluster:v1"))
        .isInstanceOf(DindClusterException.class).hasMessageContaining("not running");
    assertThatThrownBy(() -> cluster.upFrom("ci/cluster:v1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no image ci/cluster:v1-kube-master-cluster-5");
    assertThat(runtime.volumesWithLabel("dev.dindcluster.cluster=cluster-5")).isEmpty();
  }

  @Test
  void nodesAndExecWorkOnTheRunningContainersAndNameBadNodes() {
    FakeNodeRuntime runtime = new FakeNodeRuntime().addImage("dind-cluster/node:v1.20.2", Map.of())
        .onExec((container, request) -> new ExecResult(0, container + ":" + String.join(" ", request.command()), ""));
    DindCluster cluster = DindCluster.builder().adapters(fakes(runtime), () -> 1).numNodes(1).quiet().build();
    assertThat(cluster.nodes()).extracting(DindCluster.Node::name).containsExactly("kube-master", "kube-node-1");
    assertThat(cluster.isRunning()).isFalse();
    assertThatThrownBy(() -> cluster.exec("kube-node-9", "true")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kube-node-9").hasMessageContaining("kube-master");
    assertThatThrownBy(cluster::apiServerUrl).isInstanceOf(DindClusterException.class)
        .satisfies(e -> assertThat(((DindClusterException) e).wrongState()).isTrue());
  }

  @Test
  void theDefaultVersionIsTheOneScriptsFixedVersionsMarksDefault() throws Exception {
    String table = Files.readString(Path.of("../scripts/fixed-versions"));
    assertThat(table.lines().filter(l -> l.endsWith(" default")).map(l -> l.split("\\s+")[1]))
        .containsExactly(FixedRelease.DEFAULT_VERSION);
  }
}
