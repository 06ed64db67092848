package dev.dindcluster.runtime;

/**
 * What the lifecycle needs to know about the container engine.
 *
 * @param restricted the host lacks CAP_SYS_RESOURCE, so nodes cannot be privileged and must use
 *     {@link NodeSecurity#RESTRICTED} (see the node contract)
 * @param cgroupVersion the host's cgroup version as the engine reports it (1 or 2; 0 unknown):
 *     nodes share it, and old kubelets cannot run on cgroup v2
 */
public record EngineInfo(String version, String apiVersion, boolean restricted, int cgroupVersion) {
  public EngineInfo(String version, String apiVersion, boolean restricted) {
    this(version, apiVersion, restricted, 0);
  }

  /** The security mode node containers must use on this engine. */
  public NodeSecurity nodeSecurity() {
    return restricted ? NodeSecurity.RESTRICTED : NodeSecurity.PRIVILEGED;
  }
}
