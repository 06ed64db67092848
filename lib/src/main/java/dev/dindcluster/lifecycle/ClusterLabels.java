package dev.dindcluster.lifecycle;

import dev.dindcluster.plan.ClusterPlan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels that mark a resource as one cluster's. Besides the original's bare {@code <DIND_LABEL>}
 * key we set {@code dev.dindcluster.cluster=<label>} and find resources by that: a bare key such as
 * {@code cluster-20} is too easy for someone else's container to carry too.
 */
public final class ClusterLabels {
  public static final String CLUSTER = "dev.dindcluster.cluster";
  public static final String ROLE = "dev.dindcluster.role";
  public static final String SUPPORT = "dev.dindcluster.support";
  /**
   * On the network and the node volumes: the cluster id its addresses were computed from. A
   * DIND_LABEL without CLUSTER_ID gets a random id (as in the original); later commands read it
   * back from here, so they address the same subnet (the original re-rolled it and broke restore
   * and join). The volumes carry it too: a restore after the network was removed needs the
   * addresses the snapshot's certificates were made for.
   */
  public static final String CLUSTER_ID = "dev.dindcluster.cluster-id";
  /**
   * On node volumes: the DIND_CRI the node was set up with (kubelet's flags and the images live
   * in that runtime's data on the volume), so a restore with another runtime is refused up front.
   */
  public static final String CRI = "dev.dindcluster.cri";
  /**
   * On {@code bake}'s and {@code up --from}'s helper containers instead of the cluster's labels:
   * a baked image keeps its helper's labels (the engine merges, it cannot drop any), and a container
   * run from it (the CI service) is nobody's node. {@code bake} sets it empty on the image; {@code
   * down} and {@code clean} remove the helpers a killed run left by its value.
   */
  public static final String BAKE_HELPER_OF = "dev.dindcluster.bake-helper-of";

  private ClusterLabels() {}

  /** Labels for the cluster's nodes, volumes and network. */
  public static Map<String, String> of(ClusterPlan plan) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(plan.label(), "");
    labels.put(CLUSTER, plan.label());
    return labels;
  }

  /** Labels for a node volume: the cluster's, its id, and the runtime its state belongs to. */
  public static Map<String, String> volume(ClusterPlan plan) {
    Map<String, String> labels = of(plan);
    labels.put(CLUSTER_ID, Integer.toString(plan.clusterId()));
    labels.put(CRI, plan.options().dindCri());
    return labels;
  }

  public static Map<String, String> node(ClusterPlan plan, String role) {
    Map<String, String> labels = of(plan);
    labels.put(ROLE, role);
    return labels;
  }

  /** The engine filter that finds this cluster's resources. */
  public static String filter(ClusterPlan plan) {
    return CLUSTER + "=" + plan.label();
  }

  /** The labels of a bake helper of this cluster, and the filter that finds them. */
  public static Map<String, String> bakeHelper(ClusterPlan plan) {
    return Map.of(BAKE_HELPER_OF, plan.label());
  }

  public static String bakeHelperFilter(ClusterPlan plan) {
    return BAKE_HELPER_OF + "=" + plan.label();
  }

  public static boolean belongsTo(Map<String, String> labels, ClusterPlan plan) {
    return plan.label().equals(labels.get(CLUSTER));
  }
}
