package dev.dindcluster.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.dindcluster.api.DindCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The extension on the real engine: a sample test class run through JUnit's own engine gets a
 * running cluster injected into fields and parameters, its failing test leaves a dump, and the
 * cluster is cleaned when the run ends (reuse = false).
 */
@Tag("engine")
class DindClusterExtensionTest {
  static final String RUN_SAMPLE = "dind-cluster.extension-sample";
  static final int CLUSTER_ID = 47;

  @DindClusterTest(numNodes = 0, clusterId = CLUSTER_ID, reuse = false, knobs = "SKIP_SNAPSHOT=true")
  static class Sample {
    DindCluster cluster;
    KubernetesClient client;

    @Test
    void getsARunningClusterInFieldsAndParameters(DindCluster parameter, KubernetesClient parameterClient) {
      Assumptions.assumeTrue(Boolean.getBoolean(RUN_SAMPLE), "run by DindClusterExtensionTest only");
      assertThat(parameter).isSameAs(cluster);
      assertThat(parameterClient).isSameAs(client);
      assertThat(cluster.isRunning()).isTrue();
      assertThat(client.nodes().list().getItems()).hasSize(1);
      client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
          .withNewMetadata().withName("from-the-extension").endMetadata().addToData("k", "v").build()).create();
    }

    @Test
    void failsOnPurpose() {
      Assumptions.assumeTrue(Boolean.getBoolean(RUN_SAMPLE), "run by DindClusterExtensionTest only");
      assertThat(client.configMaps().inNamespace("default").withName("from-the-extension").get()).isNotNull();
      throw new AssertionError("failing on purpose: the extension must dump the cluster");
    }
  }

  @Test
  void injectsARunningClusterDumpsOnFailureAndCleansAtTheEnd() throws Exception {
    Path dump = DindClusterExtension.DUMP_DIR.resolve("Sample-failsOnPurpose");
    if (Files.exists(dump)) {
      try (var files = Files.walk(dump)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.setProperty(RUN_SAMPLE, "true");
    EngineExecutionResults results;
    try {
      results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Sample.class)).execute();
    } finally {
      System.clearProperty(RUN_SAMPLE);
    }
    results.containerEvents().assertStatistics(stats -> stats.failed(0));
    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    assertThat(dump.resolve("nodes.txt")).isNotEmptyFile();
    assertThat(Files.readString(dump.resolve("nodes.txt"))).contains("kube-master-cluster-" + CLUSTER_ID);
    // reuse = false: the cluster was cleaned when the run's store closed.
    DindCluster same = DindCluster.builder().numNodes(0).clusterId(CLUSTER_ID).quiet().build();
    assertThat(same.nodes()).allSatisfy(node -> assertThat(node.running()).isFalse());
  }
}
