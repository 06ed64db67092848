package dev.dindcluster.plan;

import static dev.dindcluster.plan.PlanFixtures.plan;
import static dev.dindcluster.plan.PlanFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.config.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DIND_LOCAL_REGISTRY_PORT: the registry's name, address and port per cluster; bad values refused. */
class LocalRegistryRulesTest {
  @Test
  void unsetMeansNoRegistry() {
    assertThat(plan().localRegistryPlan()).isEmpty();
    assertThat(PlanJson.tree(plan())).doesNotContainKey("localRegistry");
  }

  @Test
  void theRegistryTakesTheLastHostAddressOfItsClustersNetwork() {
    LocalRegistryPlan registry = plan("DIND_LOCAL_REGISTRY_PORT=5001", "CLUSTER_ID=3").localRegistryPlan().orElseThrow();
    assertThat(registry.containerName()).isEqualTo("dind-registry-cluster-3");
    assertThat(registry.address()).hasToString("10.192.3.254");
    assertThat(registry.hostPort()).isEqualTo(5001);
    assertThat(registry.imagePrefix()).isEqualTo("127.0.0.1:5001");
    assertThat(plan("DIND_LOCAL_REGISTRY_PORT=5000").localRegistryPlan().orElseThrow().containerName()).isEqualTo("dind-registry");
  }

  @Test
  void dualStackUsesTheIpv4Network() {
    LocalRegistryPlan registry = plan("DIND_LOCAL_REGISTRY_PORT=5001", "IP_MODE=dual-stack", "CLUSTER_ID=21")
        .localRegistryPlan().orElseThrow();
    assertThat(registry.address()).hasToString("10.192.21.254");
    // Fixed in both families: an engine-assigned IPv6 address would be the first free one, the master's.
    assertThat(registry.ipv6()).hasValueSatisfying(v6 -> assertThat(v6).hasToString("fd00:20:21::fe"));
    assertThat(plan("DIND_LOCAL_REGISTRY_PORT=5001").localRegistryPlan().orElseThrow().ipv6()).isEmpty();
  }

  @Test
  void planShowsIt() {
    ClusterPlan plan = plan("DIND_LOCAL_REGISTRY_PORT=5001");
    assertThat(PlanJson.tree(plan).get("localRegistry")).hasToString(
        "{container=dind-registry, address=10.192.0.254, hostPort=5001, imagePrefix=127.0.0.1:5001}");
    assertThat(PlanText.toText(plan)).contains("local registry: dind-registry 10.192.0.254, host 127.0.0.1:5001");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "65536", "5000x", "-1", "50 00"})
  void aPortOutsideTheRangeIsRefused(String value) {
    assertThat(problems("DIND_LOCAL_REGISTRY_PORT=" + value)).extracting(Problem::knob).containsExactly("DIND_LOCAL_REGISTRY_PORT");
  }

  @Test
  void ipv6OnlyIsRefusedWithWhatToUseInstead() {
    assertThat(problems("DIND_LOCAL_REGISTRY_PORT=5001", "IP_MODE=ipv6")).singleElement()
        .satisfies(p -> assertThat(p.toString()).contains("5001").contains("IP_MODE=ipv4 or dual-stack").contains("copy-image"));
  }

  @Test
  void theRegistryAddressIsKeptFreeOfWorkers() {
    // A /24 holds 252 workers, 251 when the registry takes .254.
    assertThat(plan("NUM_NODES=252").nodes()).hasSize(253);
    assertThat(problems("NUM_NODES=252", "DIND_LOCAL_REGISTRY_PORT=5001")).singleElement()
        .satisfies(p -> assertThat(p.toString()).contains("NUM_NODES").contains("at most 251").contains("local registry"));
    assertThat(plan("NUM_NODES=251", "DIND_LOCAL_REGISTRY_PORT=5001").nodes().get(251).ips().get(0)).hasToString("10.192.0.253");
  }
}
