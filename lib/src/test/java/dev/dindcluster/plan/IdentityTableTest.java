package dev.dindcluster.plan;

import static dev.dindcluster.plan.PlanFixtures.plan;
import static dev.dindcluster.plan.PlanFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.config.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spec 4.1's decision table, every row, through the whole planner. "<unset>" leaves the key out;
 * "<empty>" sets it to "". The "random" id is 7 in these tests.
 */
class IdentityTableTest {
  private static final String DEFAULT = "mirantis.kubeadm_dind_cluster_runtime";

  @ParameterizedTest(name = "DIND_LABEL={0} CLUSTER_ID={1} -> {2} / {3}, mgmt {5}")
  @CsvSource({
    // label,  id,      resulting label, id, random, mgmt,         context
    "<unset>, <unset>, " + DEFAULT + ", 0, false, 10.192.0.0/24, dind",
    "<unset>, 0,       " + DEFAULT + ", 0, false, 10.192.0.0/24, dind",
    "<unset>, 20,      cluster-20,      20, false, 10.192.20.0/24, dind-cluster-20",
    "<unset>, 254,     cluster-254,     254, false, 10.192.254.0/24, dind-cluster-254",
    "third,   <unset>, third,           7, true,  10.192.7.0/24, dind-third",
    "third,   0,       third,           7, true,  10.192.7.0/24, dind-third",
    "foo,     7,       foo-7,           7, false, 10.192.7.0/24, dind-foo-7",
    "foo,     9,       foo-9,           9, false, 10.192.9.0/24, dind-foo-9",
    // oracle #10: the default label given explicitly -> default names but a random subnet
    DEFAULT + ", <unset>, " + DEFAULT + ", 7, true, 10.192.7.0/24, dind",
  })
  void decisionTable(String label, String id, String expectedLabel, int expectedId, boolean random,
      String mgmt, String context) {
    List<String> settings = new ArrayList<>();
    if (!label.equals("<unset>")) {
      settings.add("DIND_LABEL=" + label);
    }
    if (!id.equals("<unset>")) {
      settings.add("CLUSTER_ID=" + id);
    }
    ClusterPlan plan = plan(settings.toArray(String[]::new));
    assertThat(plan.label()).isEqualTo(expectedLabel);
    assertThat(plan.clusterId()).isEqualTo(expectedId);
    assertThat(plan.randomClusterId()).isEqualTo(random);
    assertThat(plan.network().cidrs()).hasToString("[" + mgmt + "]");
    assertThat(plan.context()).isEqualTo(context);
    assertThat(plan.suffix()).isEqualTo(expectedLabel.equals(DEFAULT) ? "" : "-" + expectedLabel);
    assertThat(plan.useContext()).isEqualTo(expectedLabel.equals(DEFAULT));
  }

  /** The original took "" as cluster-"" and "00" as cluster-00; both are rejected here. */
  @ParameterizedTest(name = "CLUSTER_ID=''{0}'' is rejected")
  @ValueSource(strings = {"", "abc", "-1", "+1", "300", "255", "00", "07", "1.5", " 1", "1e2"})
  void invalidClusterIds(String id) {
    List<Problem> problems = problems("CLUSTER_ID=" + id);
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.knob()).isEqualTo("CLUSTER_ID");
      assertThat(p.value()).isEqualTo(id);
      assertThat(p.allowed()).contains("0..254");
    });
  }

  @ParameterizedTest(name = "DIND_LABEL=''{0}'' is rejected")
  @ValueSource(strings = {"", "-x", "x-", "a b", "a/b", "a:b", "ä", ".x", "_x", "UPPER", "My_Label", "a..b", "a.b_c-d",
      "Third", "abcdefghij-abcdefghij-abcdefghij-abcdefghij-x1"})
  void invalidLabels(String label) {
    assertThat(problems("DIND_LABEL=" + label)).singleElement()
        .satisfies(p -> assertThat(p.knob()).isEqualTo("DIND_LABEL"))
        .satisfies(p -> assertThat(p.allowed()).contains("DNS-1123"));
  }

  @org.junit.jupiter.api.Test
  void aHugeLabelIsRejectedAndShortenedInTheMessage() {
    assertThat(problems("DIND_LABEL=" + "a".repeat(70_000))).singleElement()
        .satisfies(p -> assertThat(p.value()).endsWith("(70000 characters)").hasSizeLessThan(120));
  }

  @org.junit.jupiter.api.Test
  void theDefaultLabelWithAClusterIdIsRejected() {
    assertThat(problems("DIND_LABEL=" + DEFAULT, "CLUSTER_ID=5")).singleElement()
        .satisfies(p -> assertThat(p.allowed()).contains("cannot be combined with CLUSTER_ID=5"));
  }

  @org.junit.jupiter.api.Test
  void theLongestLabelStillGivesNodeNamesOf63Characters() {
    String label = "a".repeat(45);
    ClusterPlan plan = plan("DIND_LABEL=" + label, "CLUSTER_ID=254", "NUM_NODES=2");
    assertThat(plan.workers().get(1).name()).hasSizeLessThanOrEqualTo(63);
    assertThat(("kube-node-254-" + label + "-254")).hasSize(63);
  }

  @ParameterizedTest(name = "DIND_LABEL={0} is fine")
  @ValueSource(strings = {"x", "1", "a-b", "third-cluster", "abcdefghij-abcdefghij-abcdefghij-abcdefghij-x"})
  void validLabels(String label) {
    assertThat(plan("DIND_LABEL=" + label).label()).isEqualTo(label);
  }

  /** Spec 5's multi-cluster examples, as the planner names every resource. */
  @org.junit.jupiter.api.Test
  void multiClusterNames() {
    ClusterPlan c20 = plan("CLUSTER_ID=20");
    assertThat(c20.master().name()).isEqualTo("kube-master-cluster-20");
    assertThat(c20.workers().get(0).volume()).isEqualTo("kubeadm-dind-kube-node-1-cluster-20");
    assertThat(c20.network().name()).isEqualTo("kubeadm-dind-net-cluster-20");
    assertThat(c20.context()).isEqualTo("dind-cluster-20");
    assertThat(c20.label()).isEqualTo("cluster-20");
    ClusterPlan third = plan("DIND_LABEL=third");
    assertThat(third.master().name()).isEqualTo("kube-master-third");
    assertThat(third.workers().get(1).name()).isEqualTo("kube-node-2-third");
    assertThat(third.context()).isEqualTo("dind-third");
    assertThat(third.label()).isEqualTo("third");
    ClusterPlan foo7 = plan("DIND_LABEL=foo", "CLUSTER_ID=7");
    assertThat(foo7.master().name()).isEqualTo("kube-master-foo-7");
    assertThat(foo7.context()).isEqualTo("dind-foo-7");
    assertThat(foo7.label()).isEqualTo("foo-7");
    assertThat(foo7.network().cidrs()).hasToString("[10.192.7.0/24]");
  }
}
