package dev.dindcluster.plan;

import static dev.dindcluster.plan.PlanFixtures.plan;
import static dev.dindcluster.plan.PlanFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.config.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DIND_ZONES, DIND_REGION, DIND_NODE_LABELS, DIND_NODE_TAINTS: per-node registration, bad values before anything exists. */
class TopologyTest {
  @Test
  void workersGoRoundRobinOverTheZonesAndTheMasterIsInTheFirst() {
    ClusterPlan plan = plan("NUM_NODES=4", "DIND_ZONES=a,b");
    assertThat(plan.nodes().stream().map(n -> n.zone().orElseThrow()).toList()).containsExactly("a", "a", "b", "a", "b");
    assertThat(plan.nodes().get(2).labels()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "topology.kubernetes.io/zone", "b", "topology.kubernetes.io/region", "dind",
        "failure-domain.beta.kubernetes.io/zone", "b", "failure-domain.beta.kubernetes.io/region", "dind"));
  }

  @Test
  void noZonesMeansNoLabels() {
    ClusterPlan plan = plan();
    assertThat(plan.nodes()).allSatisfy(n -> {
      assertThat(n.labels()).isEmpty();
      assertThat(n.taints()).isEmpty();
      assertThat(n.zone()).isEmpty();
    });
  }

  @Test
  void versionsBefore117GetOnlyTheBetaLabels() {
    ClusterPlan plan = Planner.plan(PlanFixtures.settings("DIND_ZONES=z1", "DIND_REGION=eu"),
        new FixedRelease("dind-cluster-v1.16", "v1.16.15", "dind-cluster/node:v1.16.15"), () -> 7);
    assertThat(plan.nodes().get(1).labels()).containsOnlyKeys(
        "failure-domain.beta.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/region");
    assertThat(plan.nodes().get(1).zone()).contains("z1");
  }

  @Test
  void labelsAndTaintsByShortOrFullNodeName() {
    ClusterPlan plan = plan("CLUSTER_ID=5", "DIND_NODE_LABELS=kube-node-1:example.com/disk=ssd,tier=db; kube-master-cluster-5:rack=r1",
        "DIND_NODE_TAINTS=kube-node-2:dedicated=db:NoSchedule,spot:PreferNoSchedule");
    assertThat(plan.nodes().get(0).labels()).containsExactly(Map.entry("rack", "r1"));
    assertThat(plan.nodes().get(1).labels()).containsExactly(Map.entry("example.com/disk", "ssd"), Map.entry("tier", "db"));
    assertThat(plan.nodes().get(2).taints()).containsExactly(new Taint("dedicated", "db", "NoSchedule"),
        new Taint("spot", "", "PreferNoSchedule"));
    assertThat(plan.nodes().get(2).taints().get(0)).hasToString("dedicated=db:NoSchedule");
    assertThat(PlanJson.toJson(plan).replaceAll("\\s+", "")).contains("\"taints\":[\"dedicated=db:NoSchedule\",\"spot:PreferNoSchedule\"]")
        .contains("\"zone\":null,\"labels\":{\"rack\":\"r1\"}");
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource(delimiter = '|', value = {
    "DIND_ZONES=a,,b;x | DIND_ZONES | 'b;x' is not a zone name",
    "DIND_ZONES=a,a | DIND_ZONES | zone 'a' is listed twice",
    "DIND_ZONES=-a | DIND_ZONES | is not a zone name",
    "DIND_REGION=eu west | DIND_REGION | must be a label value",
    "DIND_NODE_LABELS=kube-node-9:a=b | DIND_NODE_LABELS | there is no node 'kube-node-9' (nodes: kube-master, kube-node-1, kube-node-2",
    "DIND_NODE_LABELS=kube-node-1:disk | DIND_NODE_LABELS | 'disk' is not KEY=VALUE",
    "DIND_NODE_LABELS=kube-node-1 | DIND_NODE_LABELS | 'kube-node-1' is not NODE:KEY=VALUE",
    "DIND_NODE_LABELS=kube-node-1:Bad_Prefix/x=1 | DIND_NODE_LABELS | 'Bad_Prefix/x' is not a valid key",
    "DIND_NODE_LABELS=kube-node-1:x=a@b | DIND_NODE_LABELS | the value of 'x' ('a@b') is not valid",
    "DIND_NODE_LABELS=kube-node-1:node-role.kubernetes.io/worker= | DIND_NODE_LABELS | kubelet may not set label 'node-role.kubernetes.io/worker'",
    "DIND_NODE_TAINTS=kube-node-1:dedicated=db | DIND_NODE_TAINTS | needs KEY[=VALUE]:EFFECT with EFFECT one of NoSchedule, PreferNoSchedule, NoExecute",
    "DIND_NODE_TAINTS=kube-node-1:dedicated=db:Never | DIND_NODE_TAINTS | EFFECT one of",
    "DIND_NODE_TAINTS=kube-master:=x:NoSchedule | DIND_NODE_TAINTS | '' is not a valid key",
  })
  void refusesWithAClearProblem(String assignment, String knob, String fragment) {
    List<Problem> problems = problems(assignment);
    assertThat(problems).anySatisfy(p -> {
      assertThat(p.knob()).isEqualTo(knob);
      assertThat(p.value()).isEqualTo(assignment.substring(assignment.indexOf('=') + 1));
      assertThat(p.allowed()).contains(fragment);
    });
  }

  @Test
  void kubeletsOwnLabelNamespacesAreAllowed() {
    ClusterPlan plan = plan("DIND_NODE_LABELS=kube-node-1:node.kubernetes.io/pool=a,x.kubelet.kubernetes.io/y=z,"
        + "topology.kubernetes.io/zone=manual");
    assertThat(plan.nodes().get(1).labels()).hasSize(3);
    assertThat(plan.nodes().get(1).zone()).contains("manual");
  }
}
