package dev.dindcluster.lifecycle;

import dev.dindcluster.k8s.ContainerdSupport;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.progress.Progress;
import java.util.Map;

/** The plan's Kubernetes against the containerd of a node image or node base, before anything is created. */
public final class ContainerdCheck {
  private ContainerdCheck() {}

  /**
   * A containerd node's kubelet against the containerd the node image carries (its node base's label):
   * a pairing that cannot work stops up (exit 3), one outside containerd's support matrix is warned about.
   */
  public static void check(ClusterPlan plan, Map<String, String> imageLabels, Progress progress) {
    String containerd = imageLabels.get(ContainerdSupport.LABEL);
    if (!plan.options().dindCri().equals("containerd") || containerd == null) {
      return;
    }
    var refusal = ContainerdSupport.refusal(plan.version(), containerd);
    if (refusal.isPresent()) {
      throw new ClusterStateException(refusal.get());
    }
    ContainerdSupport.warning(plan.version(), containerd).ifPresent(progress::warn);
  }

}
