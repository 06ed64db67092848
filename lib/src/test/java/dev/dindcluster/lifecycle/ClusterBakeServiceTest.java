package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.Planner;
import dev.dindcluster.runtime.NodeSecurity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CI service's side of a bake: which bakes can run as one, and the command bake suggests. */
class ClusterBakeServiceTest {
  private static ClusterPlan plan(Map<String, String> knobs) {
    return Planner.plan(knobs, ClusterLifecycleTest.RELEASE, () -> 1);
  }

  @Test
  void aSingleNodeIpv4BakeGetsTheRunForThisEngine() {
    ClusterPlan single = plan(Map.of("NUM_NODES", "0", "CLUSTER_ID", "41"));
    assertThat(ClusterBake.serviceRun(single, "ci/k8s:v1", NodeSecurity.PRIVILEGED)).contains(
        "docker run -d --privileged -p 127.0.0.1:6443:6443 -p 127.0.0.1:8080:8080 ci/k8s:v1-kube-master-cluster-41");
    assertThat(ClusterBake.serviceRun(single, "ci/k8s", NodeSecurity.RESTRICTED)).contains(
        "docker run -d --cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined"
            + " --security-opt apparmor=unconfined --device-cgroup-rule 'a *:* rwm' --device /dev/kmsg"
            + " -p 127.0.0.1:6443:6443 -p 127.0.0.1:8080:8080 ci/k8s:kube-master-cluster-41");
    assertThat(ClusterBake.serviceEnv(single, single.master())).contains("DIND_SERVICE_NODES='1'\n");
  }

  @Test
  void multiNodeAndIpv6BakesGetNone() {
    assertThat(ClusterBake.serviceRun(plan(Map.of()), "ci/k8s:v1", NodeSecurity.PRIVILEGED)).isEmpty();
    assertThat(ClusterBake.serviceRun(plan(Map.of("NUM_NODES", "0", "IP_MODE", "ipv6")), "ci/k8s:v1",
        NodeSecurity.PRIVILEGED)).isEmpty();
  }
}
