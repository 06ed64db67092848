package dev.dindcluster.lifecycle;

import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.ReleaseSource;
import dev.dindcluster.progress.Progress;
import dev.dindcluster.runtime.NodeRuntime;
import dev.dindcluster.runtime.RuntimeFailure;
import java.time.Duration;
import java.util.Map;

/**
 * Prebuilt node images in a registry, so that a user with one need not build anything: {@code up}
 * pulls a missing node image from it (and checks that what came is a node image of the plan's
 * Kubernetes), {@code publish-image} pushes a local one there. The registry's name is the user's
 * (DIND_NODE_IMAGE_REGISTRY, or DIND_IMAGE naming a registry host); nothing is pulled otherwise.
 */
public final class NodeImageRegistry {
  /** Labels every node image carries (both builders write them). */
  public static final String NODE_IMAGE_LABEL = "dev.dindcluster.node-image";
  public static final String KUBERNETES_VERSION_LABEL = "dev.dindcluster.kubernetes-version";
  private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(30);

  private NodeImageRegistry() {}

  /** Pulls the plan's missing node image from {@code ref}, then names it as the plan does. */
  static void pull(ClusterPlan plan, String ref, NodeRuntime runtime, Progress progress) {
    try (Progress.Step step = progress.step("Pulling node image " + ref)) {
      try {
        runtime.pullImage(ref, TRANSFER_TIMEOUT);
      } catch (RuntimeFailure e) {
        step.fail(e);
        throw new LifecycleFailure("node image '" + plan.image() + "' is not in the local engine and cannot be pulled from "
            + ref + ": " + e.getMessage() + ". Remedies: publish it there (publish-image on a machine that has it), leave"
            + " DIND_NODE_IMAGE_REGISTRY unset to build it from the release artifacts, or name another DIND_IMAGE", e);
      }
      Map<String, String> labels = runtime.imageLabels(ref).orElse(Map.of());
      String version = labels.get(KUBERNETES_VERSION_LABEL);
      if (!"1".equals(labels.get(NODE_IMAGE_LABEL)) || !plan.kubernetesVersion().equals(version)) {
        runtime.removeImage(ref);
        LifecycleFailure wrong = new LifecycleFailure(ref + " is not a dind-cluster node image of Kubernetes " + plan.kubernetesVersion()
            + " (its labels say " + (labels.containsKey(NODE_IMAGE_LABEL) ? "Kubernetes " + version : "it is no node image")
            + "); it was removed again");
        step.fail(wrong);
        throw wrong;
      }
      if (!ref.equals(plan.image())) {
        runtime.tagImage(ref, plan.image());
        runtime.removeImage(ref);
      }
    }
  }

  /**
   * Pushes the plan's local node image to {@code registry} as {@code <registry>/<image>} (with no
   * registry: as it is named, which then starts with a registry host) and returns that name; the
   * extra local name made for the push is removed again.
   */
  public static String publish(ClusterPlan plan, String registry, NodeRuntime runtime, Progress progress) {
    Map<String, String> labels = runtime.imageLabels(plan.image())
        .orElseThrow(() -> new ClusterStateException("node image '" + plan.image() + "' is not in the local engine: nothing to"
            + " publish (up builds it, or scripts/build-node-image)"));
    if (!"1".equals(labels.get(NODE_IMAGE_LABEL))) {
      throw new ClusterStateException("'" + plan.image() + "' is not a dind-cluster node image (no " + NODE_IMAGE_LABEL + " label)");
    }
    if (registry == null && !ReleaseSource.namesRegistryHost(plan.image())) {
      throw new IllegalArgumentException("'" + plan.image() + "' names no registry host: give a registry to publish it to");
    }
    String target = registry == null ? plan.image() : registry + "/" + plan.image();
    boolean tagged = !target.equals(plan.image()) && runtime.imageLabels(target).isEmpty();
    try (Progress.Step step = progress.step("Publishing " + plan.image() + " as " + target)) {
      try {
        if (!target.equals(plan.image())) {
          runtime.tagImage(plan.image(), target);
        }
        runtime.pushImage(target, TRANSFER_TIMEOUT);
      } catch (RuntimeFailure e) {
        step.fail(e);
        throw new LifecycleFailure("cannot publish " + plan.image() + " as " + target + ": " + e.getMessage(), e);
      } finally {
        if (tagged) {
          runtime.removeImage(target);
        }
      }
    }
    return target;
  }
}
