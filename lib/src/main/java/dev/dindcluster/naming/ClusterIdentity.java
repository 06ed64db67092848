package dev.dindcluster.naming;

import java.util.Objects;

/**
 * Who a cluster is: the id used in addresses and the Docker label that also gives the
 * name suffix. {@code randomId} says the id came from the generator (a DIND_LABEL without a
 * CLUSTER_ID), in which case it affects addresses only, never names.
 */
public record ClusterIdentity(int clusterId, String label, boolean randomId) {
  /** The original's DEFAULT_DIND_LABEL. */
  public static final String DEFAULT_LABEL = "mirantis.kubeadm_dind_cluster_runtime";

  public static final int MAX_CLUSTER_ID = 254;

  public ClusterIdentity {
    Objects.requireNonNull(label, "label");
    if (clusterId < 0 || clusterId > MAX_CLUSTER_ID) {
      throw new IllegalArgumentException("cluster id " + clusterId + " is outside 0.." + MAX_CLUSTER_ID);
    }
    if (!label.equals(DEFAULT_LABEL) && !LabelRules.fitsNames(label)) {
      throw new IllegalArgumentException("'" + label + "' " + LabelRules.ALLOWED);
    }
  }

  public boolean isDefaultLabel() {
    return DEFAULT_LABEL.equals(label);
  }

  /** "" for the default label, else "-" + label. */
  public String suffix() {
    return isDefaultLabel() ? "" : "-" + label;
  }

  public ClusterNaming naming() {
    return new ClusterNaming(suffix());
  }
}
