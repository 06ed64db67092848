package dev.dindcluster.plan;

import dev.dindcluster.config.Settings;
import dev.dindcluster.k8s.KubernetesVersion;
import dev.dindcluster.k8s.TopologyLabels;
import dev.dindcluster.naming.ClusterNaming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Zones, node labels and taints (DIND_ZONES, DIND_REGION, DIND_NODE_LABELS, DIND_NODE_TAINTS) to
 * each node's registration labels and taints. kubelet registers them when the node joins, so a
 * value kubelet would refuse (it stops on an unknown kubernetes.io label) is refused here, before
 * anything exists.
 */
final class TopologyRules {
  static final String DEFAULT_REGION = "dind";
  static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  /** The kubernetes.io labels kubelet may set on its own node (NodeRestriction's list). */
  private static final Set<String> KUBELET_LABELS = Set.of(
      "kubernetes.io/hostname", "kubernetes.io/instance-type", "kubernetes.io/os", "kubernetes.io/arch",
      "beta.kubernetes.io/instance-type", "beta.kubernetes.io/os", "beta.kubernetes.io/arch",
      TopologyLabels.BETA_ZONE, TopologyLabels.BETA_REGION, "failure-domain.kubernetes.io/zone", "failure-domain.kubernetes.io/region",
      TopologyLabels.ZONE, TopologyLabels.REGION, "node.kubernetes.io/instance-type");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private TopologyRules() {}

  /** One node's registration: its labels (sorted by key) and taints. */
  record NodeTopology(Map<String, String> labels, List<Taint> taints) {
    static final NodeTopology NONE = new NodeTopology(Map.of(), List.of());
  }

  /**
   * @param nodeNames every node's container name, the master first
   * @return one entry per node name, in the same order
   */
  static List<NodeTopology> resolve(Settings s, KubernetesVersion version, List<String> nodeNames,
      Findings findings) {
    List<Map<String, String>> labels = new ArrayList<>();
    List<List<Taint>> taints = new ArrayList<>();
    nodeNames.forEach(n -> {
      labels.add(new TreeMap<>());
      taints.add(new ArrayList<>());
    });
    zones(s, version, nodeNames.size(), labels, findings);
    s.nonEmpty("DIND_NODE_LABELS").ifPresent(value -> forEachNode("DIND_NODE_LABELS", value, nodeNames, findings,
        (index, items) -> {
          for (String item : items.split(",", -1)) {
            int eq = item.indexOf('=');
            String key = eq < 0 ? item.strip() : item.substring(0, eq).strip();
            String labelValue = eq < 0 ? null : item.substring(eq + 1).strip();
            if (labelValue == null) {
              findings.problem("DIND_NODE_LABELS", value, "'" + item.strip() + "' is not KEY=VALUE");
            } else if (checkKey("DIND_NODE_LABELS", value, key, true, findings)
                & checkValue("DIND_NODE_LABELS", value, key, labelValue, findings)) {
              labels.get(index).put(key, labelValue);
            }
          }
        }));
    s.nonEmpty("DIND_NODE_TAINTS").ifPresent(value -> forEachNode("DIND_NODE_TAINTS", value, nodeNames, findings,
        (index, items) -> {
          for (String item : items.split(",", -1)) {
            int colon = item.lastIndexOf(':');
            String effect = colon < 0 ? "" : item.substring(colon + 1).strip();
            String keyValue = colon < 0 ? item.strip() : item.substring(0, colon).strip();
            int eq = keyValue.indexOf('=');
            String key = eq < 0 ? keyValue : keyValue.substring(0, eq);
            String taintValue = eq < 0 ? "" : keyValue.substring(eq + 1);
            if (!EFFECTS.contains(effect)) {
              findings.problem("DIND_NODE_TAINTS", value, "'" + item.strip() + "' needs KEY[=VALUE]:EFFECT with EFFECT one of "
                  + "NoSchedule, PreferNoSchedule, NoExecute");
            } else if (checkKey("DIND_NODE_TAINTS", value, key, false, findings)
                & checkValue("DIND_NODE_TAINTS", value, key, taintValue, findings)) {
              taints.get(index).add(new Taint(key, taintValue, effect));
            }
          }
        }));
    List<NodeTopology> result = new ArrayList<>();
    for (int i = 0; i < nodeNames.size(); i++) {
      result.add(new NodeTopology(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels.get(i))), List.copyOf(taints.get(i))));
    }
    return result;
  }

  /** Workers round-robin over the zones, the master in the first; every node gets the region. */
  private static void zones(Settings s, KubernetesVersion version, int nodes, List<Map<String, String>> labels,
      Findings findings) {
    String region = s.nonEmpty("DIND_REGION").orElse(DEFAULT_REGION);
    if (!isLabelValue(region)) {
      findings.problem("DIND_REGION", region, "must be a label value: up to 63 letters, digits, '-', '_' or '.', "
          + "starting and ending with a letter or digit");
      return;
    }
    String value = s.nonEmpty("DIND_ZONES").orElse(null);
    if (value == null) {
      if (s.nonEmpty("DIND_REGION").isPresent()) {
        findings.warning("DIND_REGION is set without DIND_ZONES: no node gets a region label");
      }
      return;
    }
    List<String> zones = new ArrayList<>();
    for (String zone : value.split("[,\\s]+")) {
      if (zone.isEmpty()) {
        continue;
      }
      if (!isLabelValue(zone) || zone.isEmpty()) {
        findings.problem("DIND_ZONES", value, "'" + zone + "' is not a zone name: up to 63 letters, digits, '-', '_' or '.', "
            + "starting and ending with a letter or digit; separate zones with commas");
        return;
      }
      if (zones.contains(zone)) {
        findings.problem("DIND_ZONES", value, "zone '" + zone + "' is listed twice");
        return;
      }
      zones.add(zone);
    }
    if (zones.isEmpty()) {
      findings.problem("DIND_ZONES", value, "must name at least one zone, e.g. a,b");
      return;
    }
    for (int node = 0; node < nodes; node++) {
      String zone = zones.get(node == 0 ? 0 : (node - 1) % zones.size());
      if (version.atLeast(TopologyLabels.GA_MINOR)) {
        labels.get(node).put(TopologyLabels.ZONE, zone);
        labels.get(node).put(TopologyLabels.REGION, region);
      }
      // Read by the volume-zone checks and older tools in every version.
      labels.get(node).put(TopologyLabels.BETA_ZONE, zone);
      labels.get(node).put(TopologyLabels.BETA_REGION, region);
    }
  }

  private interface NodeItems {
    void accept(int nodeIndex, String items);
  }

  /** NODE:ITEMS entries separated by ';' (or whitespace); NODE is kube-master, kube-node-N or a full name. */
  private static void forEachNode(String knob, String value, List<String> nodeNames, Findings findings,
      NodeItems action) {
    for (String entry : value.split("[;\\s]+")) {
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon <= 0 || colon == entry.length() - 1) {
        findings.problem(knob, value, "'" + entry + "' is not NODE:" + (knob.endsWith("TAINTS") ? "KEY[=VALUE]:EFFECT" : "KEY=VALUE")
            + " (entries separated by ';')");
        continue;
      }
      String node = entry.substring(0, colon);
      int index = nodeIndex(node, nodeNames);
      if (index < 0) {
        findings.problem(knob, value, "there is no node '" + node + "' (nodes: " + String.join(", ", shortNames(nodeNames.size()))
            + ", or their full names " + String.join(", ", nodeNames) + ")");
        continue;
      }
      action.accept(index, entry.substring(colon + 1));
    }
  }

  private static int nodeIndex(String node, List<String> nodeNames) {
    int full = nodeNames.indexOf(node);
    if (full >= 0) {
      return full;
    }
    return shortNames(nodeNames.size()).indexOf(node);
  }

  /** kube-master, kube-node-1..N: names without the cluster's suffix. */
  private static List<String> shortNames(int nodes) {
    List<String> names = new ArrayList<>();
    ClusterNaming plain = new ClusterNaming("");
    names.add(plain.masterName());
    for (int worker = 1; worker < nodes; worker++) {
      names.add(plain.workerName(worker));
    }
    return names;
  }

  /** A label or taint key: [DNS subdomain/]name; kubernetes.io/k8s.io labels only where kubelet may set them. */
  private static boolean checkKey(String knob, String value, String key, boolean label, Findings findings) {
    int slash = key.indexOf('/');
    String prefix = slash < 0 ? "" : key.substring(0, slash);
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()
        || slash >= 0 && (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches())) {
      findings.problem(knob, value, "'" + key + "' is not a valid key: [PREFIX/]NAME, NAME up to 63 letters, digits, '-', '_' "
          + "or '.' starting and ending with a letter or digit, PREFIX a lower-case DNS name");
      return false;
    }
    boolean reserved = prefix.equals("kubernetes.io") || prefix.endsWith(".kubernetes.io")
        || prefix.equals("k8s.io") || prefix.endsWith(".k8s.io");
    boolean kubeletNamespace = prefix.equals("kubelet.kubernetes.io") || prefix.endsWith(".kubelet.kubernetes.io")
        || prefix.equals("node.kubernetes.io") || prefix.endsWith(".node.kubernetes.io");
    if (label && reserved && !kubeletNamespace && !KUBELET_LABELS.contains(key)) {
      findings.problem(knob, value, "kubelet may not set label '" + key + "' on its node (kubernetes.io and k8s.io labels "
          + "are limited to the well-known ones and the node.kubernetes.io and kubelet.kubernetes.io prefixes): use your own prefix");
      return false;
    }
    return true;
  }

  private static boolean checkValue(String knob, String value, String key, String itemValue, Findings findings) {
    if (!isLabelValue(itemValue)) {
      findings.problem(knob, value, "the value of '" + key + "' ('" + itemValue + "') is not valid: up to 63 letters, digits, "
          + "'-', '_' or '.', starting and ending with a letter or digit, or empty");
      return false;
    }
    return true;
  }

  private static boolean isLabelValue(String v) {
    return v.isEmpty() || v.length() <= 63 && NAME.matcher(v).matches();
  }
}
