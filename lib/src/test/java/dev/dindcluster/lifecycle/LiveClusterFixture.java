package dev.dindcluster.lifecycle;

import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.kube.KubeObject;
import dev.dindcluster.kube.ObjectKind;
import dev.dindcluster.net.ClusterAddressing;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.NodePlan;
import dev.dindcluster.plan.Planner;
import dev.dindcluster.runtime.ExecRequest;
import dev.dindcluster.runtime.ExecResult;
import dev.dindcluster.runtime.FakeNodeRuntime;
import dev.dindcluster.runtime.NodeSpec;
import dev.dindcluster.runtime.PortMapping;
import java.util.List;
import java.util.Map;

/**
 * A cluster "running" on the {@link FakeNodeRuntime}: the plan's node containers (labelled as the
 * lifecycle labels them), each answering the dump's commands with text that names the node and
 * the command, so a test can tell which output landed in which section.
 */
final class LiveClusterFixture {
  static final FixedRelease RELEASE = new FixedRelease("dind-cluster-v1.20", "v1.20.2", "dind-cluster/node:v1.20.2");

  final ClusterPlan plan = Planner.plan(Map.of("CLUSTER_ID", "5", "DIND_LABEL", "t"), RELEASE, () -> 7);
  final FakeNodeRuntime runtime = new FakeNodeRuntime().addImage(plan.image(), Map.of());

  LiveClusterFixture() {
    runtime.onExec((node, request) -> new ExecResult(0, answer(node, request), ""));
  }

  /** What a node prints for one of the dump's shell command lines. */
  static String answer(String node, ExecRequest request) {
    String line = request.command().get(request.command().size() - 1);
    return "output of [" + line.replace("exec 2>&1; ", "") + "] on " + node + "\n";
  }

  /** Creates (and, when {@code running}, starts) the container of the plan's node number {@code index}. */
  LiveClusterFixture node(int index, boolean running) {
    NodePlan node = plan.nodes().get(index);
    NodeSpec.Builder spec = NodeSpec.builder(node.name(), plan.image()).labels(ClusterLabels.node(plan, node.role().jsonName));
    if (node.role() == NodePlan.Role.MASTER) {
      spec.port(new PortMapping("127.0.0.1", 0, ClusterAddressing.INTERNAL_APISERVER_PORT));
    }
    runtime.createContainer(spec.build());
    if (running) {
      runtime.startContainer(node.name());
    }
    return this;
  }

  /** A running container of another cluster, which a dump must not look at. */
  LiveClusterFixture stranger(String name) {
    runtime.createContainer(NodeSpec.builder(name, plan.image())
        .label(ClusterLabels.CLUSTER, "other").label(plan.label(), "").build());
    runtime.startContainer(name);
    return this;
  }

  String nodeName(int index) {
    return plan.nodes().get(index).name();
  }

  static KubeObject object(ObjectKind kind, String namespace, String name, String yaml, String... columns) {
    List<String> headers = new java.util.ArrayList<>();
    List<String> values = new java.util.ArrayList<>();
    for (String column : columns) {
      int eq = column.indexOf('=');
      headers.add(column.substring(0, eq));
      values.add(column.substring(eq + 1));
    }
    return new KubeObject(kind, namespace, name, "2026-01-01T00:00:00Z", headers, values, yaml);
  }
}
