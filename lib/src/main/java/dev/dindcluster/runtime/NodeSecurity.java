package dev.dindcluster.runtime;

/** How much of the host a container may touch. */
public enum NodeSecurity {
  /** The engine's defaults: for helper containers and tests, never for nodes. */
  DEFAULT,
  /** {@code --privileged}: nodes on a host with the full capability set. */
  PRIVILEGED,
  /**
   * Nodes on a host without CAP_SYS_RESOURCE, where {@code --privileged} fails: every capability
   * but SYS_RESOURCE, seccomp/apparmor/systempaths unconfined, device cgroup rule {@code a *:* rwm}.
   */
  RESTRICTED
}
