package dev.dindcluster.config;

import dev.dindcluster.k8s.KubernetesVersion;
import java.util.Objects;

/**
 * What a fixed script pins: its own name (e.g. {@code dind-cluster-v1.20}), the Kubernetes patch
 * version and the node image reference that this project's builder produces for that version.
 */
public record FixedRelease(String scriptName, String kubernetesVersion, String nodeImage) {
  /**
   * The default version: the one whose node image builds offline here. scripts/fixed-versions marks
   * the same one "default" (a unit test keeps the two equal).
   */
  public static final String DEFAULT_VERSION = "v1.20.2";

  /** A release for a version, with the node image this project's builders produce for it. */
  public static FixedRelease forVersion(String kubernetesVersion) {
    String minor = kubernetesVersion.replaceAll("^(v\\d+\\.\\d+).*$", "$1");
    return new FixedRelease("dind-cluster-" + minor, kubernetesVersion, defaultNodeImage(kubernetesVersion));
  }

  public FixedRelease {
    Objects.requireNonNull(scriptName, "scriptName");
    Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
    Objects.requireNonNull(nodeImage, "nodeImage");
    KubernetesVersion.parse(kubernetesVersion); // names the value and the form when it is not one
  }

  /** The default image reference for a Kubernetes version, as scripts/build-node-image tags it. */
  public static String defaultNodeImage(String kubernetesVersion) {
    return "dind-cluster/node:" + kubernetesVersion;
  }

  /** "v1.20" from "v1.20.2". */
  public String minorVersion() {
    return kubernetesVersion.substring(0, kubernetesVersion.lastIndexOf('.'));
  }
}
