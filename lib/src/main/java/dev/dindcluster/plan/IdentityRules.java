package dev.dindcluster.plan;

import dev.dindcluster.config.Settings;
import dev.dindcluster.naming.ClusterIdentity;
import dev.dindcluster.naming.LabelRules;
import java.util.OptionalInt;
import java.util.function.IntSupplier;

/**
 * The original's decision table for CLUSTER_ID and DIND_LABEL. "Set" means present, even if
 * empty; only the exact string "0" counts as the zero id. Unlike the original, both are validated.
 */
final class IdentityRules {
  private IdentityRules() {}

  /** @return the identity, or null when CLUSTER_ID or DIND_LABEL is invalid (problems recorded) */
  static ClusterIdentity resolve(Settings settings, IntSupplier randomClusterId, Findings findings) {
    String label = settings.raw("DIND_LABEL");
    String id = settings.raw("CLUSTER_ID");
    OptionalInt parsedId = OptionalInt.of(0);
    if (id != null) {
      parsedId = Numbers.wholeNumber(id, 0, ClusterIdentity.MAX_CLUSTER_ID);
      if (parsedId.isEmpty()) {
        findings.problem("CLUSTER_ID", id,
            Numbers.rule(0, ClusterIdentity.MAX_CLUSTER_ID) + "; 0 or unset = the default cluster");
      }
    }
    boolean labelValid = label == null || LabelRules.isValid(label);
    if (!labelValid) {
      findings.problem("DIND_LABEL", label.length() > 80 ? label.substring(0, 80) + "... (" + label.length() + " characters)" : label,
          LabelRules.ALLOWED);
    } else if (ClusterIdentity.DEFAULT_LABEL.equals(label) && id != null && !id.equals("0") && parsedId.isPresent()) {
      // The original made kube-master-mirantis.kubeadm_dind_cluster_runtime-5, which kubeadm refuses.
      labelValid = false;
      findings.problem("DIND_LABEL", label, "the default label cannot be combined with CLUSTER_ID=" + id
          + " (node names would not be DNS-1123 labels): leave DIND_LABEL unset, or choose another label");
    }
    if (parsedId.isEmpty() || !labelValid) {
      return null;
    }
    boolean zero = id == null || id.equals("0");
    if (label == null) {
      return zero
          ? new ClusterIdentity(0, ClusterIdentity.DEFAULT_LABEL, false)
          : new ClusterIdentity(parsedId.getAsInt(), "cluster-" + id, false);
    }
    if (zero) {
      // As the original: a label without an id gets a random id (addresses only), even when the
      // label is the default one.
      int random = randomClusterId.getAsInt();
      if (random < 1 || random > ClusterIdentity.MAX_CLUSTER_ID) {
        throw new IllegalStateException("random cluster id " + random + " is outside 1..254");
      }
      return new ClusterIdentity(random, label, true);
    }
    return new ClusterIdentity(parsedId.getAsInt(), label + "-" + id, false);
  }
}
