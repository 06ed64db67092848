package dev.dindcluster.naming;

import java.util.Objects;

/** Every name the original derived from the suffix S ("" or "-LABEL"). */
public record ClusterNaming(String suffix) {
  public ClusterNaming {
    Objects.requireNonNull(suffix, "suffix");
  }

  public String masterName() {
    return "kube-master" + suffix;
  }

  /** Worker N, counting from 1. */
  public String workerName(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("workers count from 1, not " + n);
    }
    return "kube-node-" + n + suffix;
  }

  /** The volume mounted at /dind (the snapshot lives there): kubeadm-dind-CONTAINER. */
  public String volumeName(String containerName) {
    return "kubeadm-dind-" + containerName;
  }

  /** The linuxkit-only sys volume. */
  public String sysVolumeName() {
    return "kubeadm-dind-sys" + suffix;
  }

  public String binariesVolumeName() {
    return "dind-k8s-binaries" + suffix;
  }

  public String networkName() {
    return "kubeadm-dind-net" + suffix;
  }

  /** kubectl cluster and context name. */
  public String contextName() {
    return "dind" + suffix;
  }

  public String dns64ContainerName() {
    return "bind9" + suffix;
  }

  public String nat64ContainerName() {
    return "tayga" + suffix;
  }

  /** The local registry's container (DIND_LOCAL_REGISTRY_PORT). */
  public String registryContainerName() {
    return "dind-registry" + suffix;
  }

  /**
   * A container created (never started) for a moment to read the snapshot markers on the node
   * volumes before {@code up} chooses between restoring and a full bring-up.
   */
  public String snapshotProbeName(String unique) {
    return "kubeadm-dind-probe" + suffix + "-" + unique;
  }

  /**
   * A container created (never started) for a moment while {@code bake} copies a node volume into
   * an image, or {@code up --from} copies it back onto a fresh volume.
   */
  public String bakeHelperName(String node, String purpose, String unique) {
    return "kubeadm-dind-" + purpose + "-" + node + "-" + unique;
  }

  /** Label carried by the bind9/tayga support containers. */
  public String supportLabel() {
    return "dind-support" + suffix;
  }

  /** The original found node volumes by this name pattern (never by label). */
  public String volumeNameRegex() {
    return "^kubeadm-dind-(sys|kube-master|kube-node-[0-9]+)" + java.util.regex.Pattern.quote(suffix) + "$";
  }
}
