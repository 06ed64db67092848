package dev.dindcluster.lifecycle;

import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.progress.Progress;
import dev.dindcluster.runtime.ContainerInfo;
import dev.dindcluster.runtime.NodeRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code copy-image}: a local image into every node's inner runtime, so pods can use it without a
 * registry. Saved once to a temporary file, streamed into each node (in parallel) and loaded there:
 * into the inner dockerd, or into containerd's k8s.io namespace on a DIND_CRI=containerd node.
 */
public final class CopyImage {
  private static final String NODE_DIR = "/var/tmp";

  private CopyImage() {}

  /** Loads a {@code docker save} archive into the runtime kubelet uses on the node. */
  static String[] loadCommand(boolean containerd, String tarInNode) {
    return containerd
        // CRI looks for images in containerd's k8s.io namespace only (not docker's "moby").
        ? new String[] {"ctr", "-n", NodeOps.CONTAINERD_NAMESPACE, "images", "import", tarInNode}
        : new String[] {"docker", "load", "-q", "-i", tarInNode};
  }

  public static List<String> copy(ClusterPlan plan, NodeRuntime runtime, Progress progress, String image) {
    return copyAll(plan, runtime, progress, List.of(image), null);
  }

  /**
   * Several images in one tar (layers they share travel once) into the running nodes named in
   * {@code nodeNames}, or into all running nodes when it is null. Returns the nodes loaded.
   */
  public static List<String> copyAll(ClusterPlan plan, NodeRuntime runtime, Progress progress, List<String> images,
      List<String> nodeNames) {
    for (String image : images) {
      if (!runtime.imageExists(image)) {
        throw new IllegalArgumentException("image '" + image + "' is not in the local engine (nothing is pulled): build or load it first");
      }
    }
    List<ContainerInfo> nodes = ClusterQueries.runningNodes(plan, runtime).stream()
        .filter(n -> nodeNames == null || nodeNames.contains(n.name()))
        .toList();
    if (nodes.isEmpty()) {
      throw new ClusterStateException("cluster '" + plan.label() + "' has no running nodes: run 'up' first");
    }
    String what = images.size() == 1 ? images.get(0) : images.size() + " images";
    Path dir = null;
    try {
      dir = Files.createTempDirectory("dind-copy-image");
      Path tar = dir.resolve("image-" + Integer.toHexString(images.hashCode()) + ".tar");
      try (Progress.Step step = progress.step("Saving " + what)) {
        try (OutputStream out = Files.newOutputStream(tar)) {
          if (images.size() == 1) {
            runtime.saveImage(images.get(0), out);
          } else {
            runtime.saveImages(images, out);
          }
        }
      }
      String inNode = NODE_DIR + "/" + tar.getFileName();
      try (Progress.Step step = progress.step("Loading " + what + " into " + nodes.size() + " nodes")) {
        Parallel.forEach(nodes, node -> {
          runtime.copyInto(node.name(), tar, NODE_DIR);
          try {
            NodeOps.run(runtime, node.name(), Duration.ofMinutes(5), loadCommand(NodeOps.usesContainerd(runtime, node.name()), inNode));
          } finally {
            runtime.exec(node.name(), "rm", "-f", inNode);
          }
        });
      }
      return nodes.stream().map(ContainerInfo::name).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("copy-image " + what + ": " + e.getMessage(), e);
    } finally {
      if (dir != null) {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
          // a temporary directory left behind is not worth failing the command
        }
      }
    }
  }
}
