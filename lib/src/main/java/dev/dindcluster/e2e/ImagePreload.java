package dev.dindcluster.e2e;

import dev.dindcluster.lifecycle.CopyImage;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.progress.Progress;
import dev.dindcluster.runtime.ContainerInfo;
import dev.dindcluster.runtime.ExecResult;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes every test image present in every node before the tests start: test pods use
 * IfNotPresent and nothing can be pulled here, so a missing image is a failed spec. Images a node
 * already has with the same build label are left alone (a second run copies nothing).
 */
public final class ImagePreload {
  static final String INPUTS_LABEL = "dev.dindcluster.inputs";

  private ImagePreload() {}

  /** Returns the images that had to be copied (empty when every node had them all). */
  public static List<String> ensure(ClusterPlan plan, NodeRuntime runtime, Progress progress,
      List<ContainerInfo> nodes, List<String> images) {
    Map<String, String> wanted = new java.util.LinkedHashMap<>();
    for (String image : images) {
      Map<String, String> labels = runtime.imageLabels(image).orElseThrow(() -> new E2eSetupException(
          "test image '" + image + "' is not in the local engine; " + TestImages.BUILD_HINT));
      wanted.put(image, labels.getOrDefault(INPUTS_LABEL, ""));
    }
    Set<String> missing = new LinkedHashSet<>();
    List<String> lacking = new ArrayList<>();
    for (ContainerInfo node : nodes) {
      List<String> stale = staleIn(runtime, node.name(), wanted);
      if (!stale.isEmpty()) {
        missing.addAll(stale);
        lacking.add(node.name());
      }
    }
    if (missing.isEmpty()) {
      progress.detail("All " + images.size() + " test images are in the " + nodes.size() + " nodes");
      return List.of();
    }
    CopyImage.copyAll(plan, runtime, progress, List.copyOf(missing), lacking);
    return List.copyOf(missing);
  }

  /** The wanted images a node lacks or has from another build (one exec per node). */
  static List<String> staleIn(NodeRuntime runtime, String node, Map<String, String> wanted) {
    List<String> command = new ArrayList<>(List.of("docker", "image", "inspect", "--format",
        "{{join .RepoTags \",\"}} {{index .Config.Labels \"" + INPUTS_LABEL + "\"}}"));
    command.addAll(wanted.keySet());
    ExecResult result = runtime.exec(node, command.toArray(String[]::new));
    // `docker image inspect` prints the images it found and fails for the others: read what it printed.
    Map<String, String> found = new java.util.HashMap<>();
    for (String line : result.stdout().split("\n")) {
      String[] parts = line.strip().split(" ", 2);
      if (parts.length == 2) {
        for (String tag : parts[0].split(",")) {
          found.put(tag, parts[1]); // one image may carry several wanted tags (identical stand-ins)
        }
      }
    }
    return wanted.entrySet().stream()
        .filter(e -> !e.getValue().equals(found.get(e.getKey())))
        .map(Map.Entry::getKey)
        .toList();
  }
}
