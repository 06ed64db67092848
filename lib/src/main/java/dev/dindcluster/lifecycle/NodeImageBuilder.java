package dev.dindcluster.lifecycle;

import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.progress.Progress;
import dev.dindcluster.runtime.NodeRuntime;

/**
 * Makes the plan's node image when the local engine lacks it, before anything of the cluster is
 * created. A failure leaves no image behind and says what was tried and what to do instead.
 */
public interface NodeImageBuilder {
  void build(ClusterPlan plan, NodeRuntime runtime, Progress progress);

  /** Builds nothing: explains how to get the image. */
  NodeImageBuilder NONE = (plan, runtime, progress) -> {
    throw new LifecycleFailure(missingImage(plan, "no release source is configured"));
  };

  /** The remedies for a missing node image, after why it could not be made. */
  static String missingImage(ClusterPlan plan, String why) {
    return "node image '" + plan.image() + "' (Kubernetes " + plan.kubernetesVersion() + ") is not in the local engine"
        + " and cannot be built: " + why + ". Remedies: DIND_RELEASE_URL=<a mirror with upstream's layout>"
        + " (and DIND_REGISTRY for etcd and pause); or scripts/build-node-image --binaries DIR --kubernetes-version "
        + plan.kubernetesVersion() + " with your own binaries"
        + (plan.kubernetesVersion().equals("v1.20.2") ? ", or scripts/build-node-image (offline, from Debian's source)" : "")
        + "; or DIND_IMAGE=<a node image you have>";
  }
}
