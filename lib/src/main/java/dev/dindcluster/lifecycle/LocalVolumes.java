package dev.dindcluster.lifecycle;

import dev.dindcluster.k8s.KubernetesVersion;
import dev.dindcluster.k8s.TopologyLabels;
import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.kube.KubeWaits;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.NodePlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Node-local persistent volumes: the provisioner the node image carries (one per node) and the
 * StorageClasses that use it, "standard" (the default, as in kind) and, when the cluster has zones,
 * "standard-ZONE" for each, limited to that zone. Every class waits for the first pod
 * (WaitForFirstConsumer) and deletes a volume with its claim; a class of one's own with
 * {@code reclaimPolicy: Retain} and the same provisioner keeps them.
 */
public final class LocalVolumes {
  /** The provisioner name StorageClasses refer to. */
  public static final String PROVISIONER = "dev.dindcluster/local";
  public static final String DEFAULT_CLASS = "standard";
  /** Set on node images whose image set holds the provisioner. */
  static final String IMAGE_LABEL = "dev.dindcluster.local-volumes";
  /** Local persistent volumes are GA from 1.14 (scheduling by the volume's node included). */
  static final int LOCAL_VOLUMES_GA = 14;

  private LocalVolumes() {}

  /** Why this cluster gets no local volumes, or empty when it does. */
  static Optional<String> unavailable(KubernetesVersion version, Map<String, String> imageLabels) {
    if (!version.atLeast(LOCAL_VOLUMES_GA)) {
      return Optional.of("Kubernetes " + version + " predates local persistent volumes (v1." + LOCAL_VOLUMES_GA + ")");
    }
    if (!imageLabels.containsKey(IMAGE_LABEL)) {
      return Optional.of("the node image has no local volume provisioner (rebuild it with scripts/build-node-image)");
    }
    return Optional.empty();
  }

  /** The provisioner's objects and the StorageClasses, as one multi-document manifest. */
  static String manifest(ClusterPlan plan) {
    String provisioner;
    try (InputStream in = LocalVolumes.class.getResourceAsStream("local-volumes.yaml")) {
      provisioner = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new LifecycleFailure("the local volume manifest is missing from the library", e);
    }
    return provisioner + "---\n" + KubeadmConfig.dump(storageClasses(plan));
  }

  static List<Map<String, Object>> storageClasses(ClusterPlan plan) {
    List<Map<String, Object>> classes = new ArrayList<>();
    classes.add(storageClass(DEFAULT_CLASS, true, null, null));
    String zoneKey = TopologyLabels.zoneKey(plan.version());
    plan.nodes().stream().map(NodePlan::zone).flatMap(Optional::stream).distinct()
        .forEach(zone -> classes.add(storageClass(DEFAULT_CLASS + "-" + zone, false, zoneKey, zone)));
    return classes;
  }

  private static Map<String, Object> storageClass(String name, boolean isDefault, String zoneKey, String zone) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    if (isDefault) {
      metadata.put("annotations", Map.of("storageclass.kubernetes.io/is-default-class", "true"));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "storage.k8s.io/v1");
    doc.put("kind", "StorageClass");
    doc.put("metadata", metadata);
    doc.put("provisioner", PROVISIONER);
    doc.put("reclaimPolicy", "Delete");
    doc.put("volumeBindingMode", "WaitForFirstConsumer");
    if (zone != null) {
      Map<String, Object> expression = new LinkedHashMap<>();
      expression.put("key", zoneKey);
      expression.put("values", List.of(zone));
      doc.put("allowedTopologies", List.of(Map.of("matchLabelExpressions", List.of(expression))));
    }
    return doc;
  }

  /** Deploys the provisioner and the classes when the version and node image allow it. */
  static Action deploy() {
    return Action.of("Deploying local persistent volumes", s -> {
      Optional<String> unavailable = unavailable(s.plan().version(), s.nodeImageLabels);
      if (unavailable.isPresent()) {
        s.progress().detail("no local persistent volumes: " + unavailable.get());
        return;
      }
      try (KubeApi api = s.kubeApi()) {
        new KubeWaits(s.clock(), s.sleeper(), Duration.ofSeconds(1)).untilReadyz(api, Duration.ofMinutes(2));
        api.apply(manifest(s.plan()));
      }
      s.progress().detail("StorageClass " + DEFAULT_CLASS + " (default) and one per zone: node-local directories, provisioner "
          + PROVISIONER);
    });
  }
}
