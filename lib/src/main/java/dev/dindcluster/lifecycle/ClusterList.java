package dev.dindcluster.lifecycle;

import dev.dindcluster.runtime.ContainerInfo;
import dev.dindcluster.runtime.NetworkInfo;
import dev.dindcluster.runtime.NodeRuntime;
import dev.dindcluster.runtime.VolumeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Every dind-cluster cluster on this engine, found by the label all of its resources carry
 * ({@code dev.dindcluster.cluster=<label>}): a cluster shows up while any of its containers,
 * volumes or network exists, running or not. Reads only.
 */
public final class ClusterList {
  /** One cluster: its label, id, and what exists of it. */
  public record Entry(String label, Optional<Integer> clusterId, List<String> running, List<String> stopped, int volumes,
      Optional<String> network) {
    /** "up" (every node container runs), "down" (volumes only), or "partial". */
    public String state() {
      if (!running.isEmpty() && stopped.isEmpty()) {
        return "up";
      }
      if (running.isEmpty() && stopped.isEmpty()) {
        return volumes > 0 ? "down" : "leftovers";
      }
      return "partial";
    }
  }

  private ClusterList() {}

  public static List<Entry> read(NodeRuntime runtime) {
    List<ContainerInfo> containers = runtime.containersWithLabel(ClusterLabels.CLUSTER, true);
    List<VolumeInfo> volumes = runtime.volumesWithLabel(ClusterLabels.CLUSTER);
    List<NetworkInfo> networks = runtime.networksWithLabel(ClusterLabels.CLUSTER);
    TreeSet<String> labels = new TreeSet<>();
    containers.forEach(c -> labels.add(c.labels().get(ClusterLabels.CLUSTER)));
    volumes.forEach(v -> labels.add(v.labels().get(ClusterLabels.CLUSTER)));
    networks.forEach(n -> labels.add(n.labels().get(ClusterLabels.CLUSTER)));
    List<Entry> entries = new ArrayList<>();
    for (String label : labels) {
      // Support containers (bind9, tayga) are the cluster's too, but not nodes.
      List<ContainerInfo> nodes = containers.stream()
          .filter(c -> label.equals(c.labels().get(ClusterLabels.CLUSTER)) && c.labels().containsKey(ClusterLabels.ROLE)).toList();
      List<VolumeInfo> own = volumes.stream().filter(v -> label.equals(v.labels().get(ClusterLabels.CLUSTER))).toList();
      Optional<NetworkInfo> network = networks.stream().filter(n -> label.equals(n.labels().get(ClusterLabels.CLUSTER))).findFirst();
      Optional<Integer> id = network.map(NetworkInfo::labels).or(() -> own.stream().findFirst().map(VolumeInfo::labels))
          .map(l -> l.get(ClusterLabels.CLUSTER_ID)).flatMap(ClusterList::number);
      entries.add(new Entry(label, id,
          nodes.stream().filter(ContainerInfo::running).map(ContainerInfo::name).sorted().toList(),
          nodes.stream().filter(c -> !c.running()).map(ContainerInfo::name).sorted().toList(),
          own.size(), network.map(NetworkInfo::name)));
    }
    return entries;
  }

  /** A table for people: one line per cluster. */
  public static String render(List<Entry> entries) {
    if (entries.isEmpty()) {
      return "no dind-cluster clusters on this engine\n";
    }
    TextTable table = new TextTable(List.of("CLUSTER", "ID", "STATE", "NODES", "VOLUMES", "NETWORK"));
    for (Entry e : entries) {
      int all = e.running().size() + e.stopped().size();
      table.row(List.of(e.label(), e.clusterId().map(String::valueOf).orElse("-"), e.state(),
          e.running().size() + "/" + all + " running", String.valueOf(e.volumes()), e.network().orElse("-")));
    }
    return table.render();
  }

  /** The same as JSON-ready maps, for {@code --json}. */
  public static List<Map<String, Object>> json(List<Entry> entries) {
    return entries.stream().map(e -> {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("label", e.label());
      m.put("clusterId", e.clusterId().orElse(null));
      m.put("state", e.state());
      m.put("runningNodes", e.running());
      m.put("stoppedNodes", e.stopped());
      m.put("volumes", e.volumes());
      m.put("network", e.network().orElse(null));
      return m;
    }).toList();
  }

  private static Optional<Integer> number(String text) {
    try {
      return text == null ? Optional.empty() : Optional.of(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
