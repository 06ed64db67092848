package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.runtime.NodeSecurity;
import org.junit.jupiter.api.Test;

class NodeContainersTest {
  @Test
  void eachNodeIsToldItsRoleSoThatWorkersSkipTheControlPlaneImages() {
    ClusterPlan plan = SupportContainersTest.plan("CLUSTER_ID=3", "NUM_NODES=2");
    assertThat(NodeContainers.spec(plan, plan.master(), NodeSecurity.DEFAULT).env()).containsEntry("DIND_NODE_ROLE", "master");
    for (var worker : plan.workers()) {
      assertThat(NodeContainers.spec(plan, worker, NodeSecurity.DEFAULT).env()).containsEntry("DIND_NODE_ROLE", "worker");
    }
  }
}
