package dev.dindcluster.lifecycle;

import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.NodePlan;
import dev.dindcluster.plan.Taint;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster's nodes as planned, each with its container's state on the engine ({@code nodes},
 * kind's {@code get nodes}). Reads only; needs no API server, so it answers for a cluster that is down.
 */
public final class ClusterNodes {
  /** One node: its plan and the engine's state word for its container ("missing" when there is none). */
  public record Row(NodePlan node, String container) {}

  private ClusterNodes() {}

  public static List<Row> read(ClusterPlan plan, NodeRuntime runtime) {
    return plan.nodes().stream().map(node -> new Row(node, runtime.findContainer(node.name())
        .filter(c -> ClusterLabels.belongsTo(c.labels(), plan)).map(c -> c.state()).orElse("missing"))).toList();
  }

  public static String render(List<Row> rows) {
    TextTable table = new TextTable(List.of("NAME", "ROLE", "CONTAINER", "ADDRESSES", "ZONE"));
    for (Row row : rows) {
      NodePlan node = row.node();
      table.row(List.of(node.name(), node.role().jsonName, row.container(),
          String.join(",", node.ips().stream().map(Object::toString).toList()), node.zone().orElse("-")));
    }
    return table.render();
  }

  /** JSON/YAML-ready maps. */
  public static List<Map<String, Object>> tree(List<Row> rows) {
    return rows.stream().map(row -> {
      NodePlan node = row.node();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", node.name());
      m.put("role", node.role().jsonName);
      m.put("container", row.container());
      m.put("addresses", node.ips().stream().map(Object::toString).toList());
      m.put("podCidrs", node.podCidrs().stream().map(Object::toString).toList());
      m.put("volume", node.volume());
      m.put("zone", node.zone().orElse(null));
      m.put("labels", node.labels());
      m.put("taints", node.taints().stream().map(Taint::toString).toList());
      return m;
    }).toList();
  }
}
