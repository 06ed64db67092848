package dev.dindcluster.k8s;

/**
 * The node base image a version's release-built node image goes on: everything but Kubernetes
 * (systemd, the inner runtimes, the node scripts, dind-cluster's own DNS and volume images). Each is
 * built locally from Debian's packages by the script named here; its containerd's version is the image
 * label {@link ContainerdSupport#LABEL}.
 */
public enum NodeBase {
  /** The dockershim versions' base: the node's dockerd, which kubelet drives through dockershim, or its containerd. */
  BOOKWORM("dind-cluster/node-base:latest", "Debian bookworm with docker.io and its containerd", "scripts/build-node-image --base-only"),
  /** From 1.24 (no dockershim): containerd 2 and runc from Debian's sid on Debian trixie, no Docker. */
  TRIXIE("dind-cluster/node-base:trixie", "Debian trixie with containerd 2 and runc from Debian's sid", "scripts/build-node-base-trixie");

  public final String image;
  public final String description;
  /** The command that builds it, offline apart from Debian's mirror. */
  public final String buildCommand;

  NodeBase(String image, String description, String buildCommand) {
    this.image = image;
    this.description = description;
    this.buildCommand = buildCommand;
  }

  public static NodeBase forVersion(KubernetesVersion version) {
    return VersionRules.hasDockershim(version) ? BOOKWORM : TRIXIE;
  }
}
