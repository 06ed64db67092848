package dev.dindcluster.lifecycle;

import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.NodePlan;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * What exists of a cluster on the engine and what the next {@code up} would do, read without
 * changing anything (the snapshot probe container is created and removed, never started).
 *
 * @param networkPresent whether the cluster's network exists (and is ours)
 * @param nodes one row per planned node, master first
 * @param nextUp what {@code up} would do now (with --retain it refuses where this replaces volumes)
 * @param problems what is wrong, one sentence each, empty when the cluster runs as planned
 */
public record ClusterStatus(String label, String context, boolean networkPresent, List<NodeState> nodes,
    ClusterLifecycle.UpDecision nextUp, List<String> problems) {

  /**
   * One node.
   *
   * @param container the engine's state word (running, exited, created, ...) or "missing"
   * @param snapshot "complete", "incomplete", "unknown" (no node image to read it with) or "-" (no volume)
   */
  public record NodeState(String name, String container, boolean volumePresent, String snapshot) {}

  public ClusterStatus {
    nodes = List.copyOf(nodes);
    problems = List.copyOf(problems);
  }

  /** Every planned node's container runs. */
  public boolean running() {
    return nodes.stream().allMatch(n -> n.container().equals("running"));
  }

  /** Nothing of the cluster exists. */
  public boolean absent() {
    return !networkPresent && nodes.stream().noneMatch(n -> n.volumePresent() || !n.container().equals("missing"));
  }

  public static ClusterStatus read(ClusterPlan plan, NodeRuntime runtime) {
    boolean network = runtime.findNetwork(plan.network().name())
        .filter(n -> ClusterLabels.belongsTo(n.labels(), plan)).isPresent();
    List<NodePlan> withVolume = plan.nodes().stream()
        .filter(n -> runtime.findVolume(n.volume()).filter(v -> ClusterLabels.belongsTo(v.labels(), plan)).isPresent())
        .toList();
    var incomplete = SnapshotProbe.incompleteNodes(plan, withVolume, runtime);
    List<NodeState> nodes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (NodePlan node : plan.nodes()) {
      String container = runtime.findContainer(node.name())
          .filter(c -> ClusterLabels.belongsTo(c.labels(), plan))
          .map(c -> c.state()).orElse("missing");
      boolean volume = withVolume.contains(node);
      String snapshot = !volume ? "-" : incomplete.map(list -> list.contains(node.name()) ? "incomplete" : "complete").orElse("unknown");
      nodes.add(new NodeState(node.name(), container, volume, snapshot));
      if (!container.equals("running")) {
        problems.add(node.name() + ": container " + container);
      }
      if (!volume) {
        problems.add(node.name() + ": volume " + node.volume() + " missing");
      } else if (snapshot.equals("incomplete")) {
        problems.add(node.name() + ": volume " + node.volume() + " holds no complete snapshot (a bring-up was interrupted)");
      }
    }
    if (!network) {
      problems.add("network " + plan.network().name() + " missing");
    }
    List<String> missingVolumes = plan.nodes().stream().filter(n -> !withVolume.contains(n)).map(NodePlan::volume).toList();
    // Decided from what was just read: one look at the volumes, one probe.
    ClusterLifecycle.UpDecision next = ClusterLifecycle.decide(plan, missingVolumes, incomplete, false);
    ClusterStatus status = new ClusterStatus(plan.label(), plan.context(), network, nodes, next, problems);
    return status.absent() ? new ClusterStatus(plan.label(), plan.context(), false, nodes, next, List.of()) : status;
  }

  /** The same as JSON/YAML-ready maps ({@code status -o json|yaml}). */
  public java.util.Map<String, Object> tree() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("label", label);
    m.put("context", context);
    m.put("state", state());
    m.put("nodes", nodes.stream().map(n -> {
      java.util.Map<String, Object> node = new java.util.LinkedHashMap<>();
      node.put("name", n.name());
      node.put("container", n.container());
      node.put("volume", n.volumePresent() ? "present" : "missing");
      node.put("snapshot", n.snapshot());
      return node;
    }).toList());
    m.put("network", networkPresent ? "present" : "missing");
    m.put("problems", problems);
    m.put("nextUp", nextUp.mode() == ClusterLifecycle.UpMode.RESTORE ? "restore" : "full bring-up");
    m.put("nextUpReason", nextUp.reason());
    return m;
  }

  private String state() {
    return absent() ? "absent" : running() ? "running" : nodes.stream().anyMatch(n -> n.container().equals("running"))
        ? "partly running" : "not running";
  }

  /** The report {@code status} prints. */
  public String render() {
    StringBuilder text = new StringBuilder();
    text.append("cluster ").append(label).append(" (context ").append(context).append("): ").append(state()).append('\n');
    if (!absent()) {
      TextTable table = new TextTable(List.of("NODE", "CONTAINER", "VOLUME", "SNAPSHOT"));
      nodes.forEach(n -> table.row(List.of(n.name(), n.container(), n.volumePresent() ? "present" : "missing", n.snapshot())));
      text.append(table.render());
      text.append("network: ").append(networkPresent ? "present" : "missing").append('\n');
      problems.forEach(p -> text.append("problem: ").append(p).append('\n'));
    }
    text.append("next up: ").append(nextUp.mode() == ClusterLifecycle.UpMode.RESTORE ? "restore" : "full bring-up")
        .append(" (").append(nextUp.reason()).append(")\n");
    return text.toString();
  }
}
