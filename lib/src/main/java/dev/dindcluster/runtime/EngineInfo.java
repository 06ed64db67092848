package dev.dindcluster.runtime;

/**
 * What the lifecycle needs to know about the container engine.
 *
 * @param restricted the host lacks CAP_SYS_RESOURCE, so nodes cannot be privileged and must use
 *     {@link NodeSecurity#RESTRICTED} (see the node contract)
 */
public record EngineInfo(String version, String apiVersion, boolean restricted) {
  /** The security mode node containers must use on this engine. */
  public NodeSecurity nodeSecurity() {
    return restricted ? NodeSecurity.RESTRICTED : NodeSecurity.PRIVILEGED;
  }
}
