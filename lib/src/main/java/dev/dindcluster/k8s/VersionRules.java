package dev.dindcluster.k8s;

import java.util.Optional;

/**
 * What changes with the Kubernetes version besides kubeadm's configuration API: the node runtime,
 * the kubeadm flags that exist, and which version/host/runtime combinations can work at all.
 * Each cut-over is a minor number here and nowhere else.
 */
public final class VersionRules {
  private VersionRules() {}

  /** kubelet's built-in dockershim was removed in 1.24. */
  public static final int DOCKERSHIM_REMOVED = 24;
  /** kubeadm's phases (and --skip-phases) arrived in 1.13. */
  public static final int SKIP_PHASES = 13;
  /** {@code kubeadm config images list} arrived in 1.11. */
  public static final int CONFIG_IMAGES_LIST = 11;
  /** kubeadm join's phases (and its --skip-phases) arrived in 1.14. */
  public static final int JOIN_PHASES = 14;
  /**
   * kubelet's NodeLease is on by default from 1.14: only then does it write its node status just on a
   * change or at nodeStatusReportFrequency (the field exists from 1.13, where the gate is still off).
   */
  public static final int NODE_LEASE_DEFAULT = 14;
  /** kubeadm accepts --kubeconfig-dir next to --config from 1.14 (1.13 refuses to mix them). */
  public static final int KUBECONFIG_DIR_WITH_CONFIG = 14;
  /** kubelet's cgroup v2 support arrived in 1.19 (kind refuses older versions on cgroup v2 hosts too). */
  public static final int CGROUP_V2 = 19;
  /**
   * Startup probes are on by default from 1.18 (beta), and until 1.21 kubelet did not sync a pod when
   * its startup probe succeeded: a container with a startup probe and no readiness probe (kubeadm's
   * etcd, controller-manager and scheduler from 1.20) said Ready only at the pod's next periodic sync,
   * up to syncFrequency (1 min) later. Fixed upstream in 1.21 (kubernetes/kubernetes#98376).
   */
  public static final int STARTUP_PROBE_DEFAULT = 18;
  public static final int SYNC_ON_STARTUP_PROBE = 21;

  /** Whether a passed startup probe waits for kubelet's periodic pod sync (see {@link #STARTUP_PROBE_DEFAULT}). */
  public static boolean startupProbeWaitsForPeriodicSync(KubernetesVersion version) {
    return version.atLeast(STARTUP_PROBE_DEFAULT) && !version.atLeast(SYNC_ON_STARTUP_PROBE);
  }
  /** The KubeletConfiguration field failCgroupV1 exists from 1.31 (and defaults to true from 1.35). */
  public static final int FAIL_CGROUP_V1_FIELD = 31;
  /** IPv6DualStack: a feature gate from 1.16 (alpha) until it went GA in 1.23. */
  public static final int DUAL_STACK = 16;
  public static final int DUAL_STACK_GA = 23;

  public static boolean hasDockershim(KubernetesVersion v) {
    return !v.atLeast(DOCKERSHIM_REMOVED);
  }

  /** DIND_CRI's default: the node's dockerd through dockershim while it exists, containerd after. */
  public static String defaultCri(KubernetesVersion v) {
    return hasDockershim(v) ? "docker" : "containerd";
  }

  public static boolean canSkipPhases(KubernetesVersion v) {
    return v.atLeast(SKIP_PHASES);
  }

  /**
   * {@code kubeadm init phase kubeconfig kubelet --config F --node-name N --kubeconfig-dir D} issues a
   * kubelet client certificate for any node (the master's own way, used here for workers too); 1.13
   * has the phase but refuses --kubeconfig-dir with --config.
   */
  public static boolean canIssueKubeletConfig(KubernetesVersion v) {
    return v.atLeast(KUBECONFIG_DIR_WITH_CONFIG);
  }

  public static boolean hasConfigImagesList(KubernetesVersion v) {
    return v.atLeast(CONFIG_IMAGES_LIST);
  }

  /** kubeadm 1.8 has only --skip-preflight-checks; 1.9 introduced --ignore-preflight-errors. */
  public static String ignorePreflightFlag(KubernetesVersion v) {
    return v.atLeast(9) ? "--ignore-preflight-errors=all" : "--skip-preflight-checks";
  }

  /** The feature gate IPv6DualStack is needed (and accepted) only before dual-stack went GA. */
  public static boolean needsDualStackGate(KubernetesVersion v) {
    return !v.atLeast(DUAL_STACK_GA);
  }

  /**
   * A version/runtime/host combination that cannot work, as the reason and what would; empty when
   * it can. Checked before anything is created.
   *
   * @param cgroupVersion the host's cgroup version (1 or 2), 0 when unknown
   */
  public static Optional<String> unsupported(KubernetesVersion v, String cri, int cgroupVersion) {
    if (cri.equals("docker") && !hasDockershim(v)) {
      return Optional.of("Kubernetes " + v + " has no dockershim (removed in v1." + DOCKERSHIM_REMOVED
          + "), so DIND_CRI=docker cannot work: use DIND_CRI=containerd (the default from v1." + DOCKERSHIM_REMOVED
          + "), or a version before v1." + DOCKERSHIM_REMOVED);
    }
    if (cri.equals("containerd") && !canSkipPhases(v)) {
      return Optional.of("kubeadm " + v + " cannot skip its preflight phase, which needs crictl on containerd nodes:"
          + " DIND_CRI=containerd needs Kubernetes v1." + SKIP_PHASES + " or newer; use DIND_CRI=docker");
    }
    if (cgroupVersion == 2 && !v.atLeast(CGROUP_V2)) {
      return Optional.of("this host uses cgroup v2, which kubelet " + v + " does not support: the oldest version that"
          + " runs on this host is v1." + CGROUP_V2 + " (or use a host with cgroup v1)");
    }
    return Optional.empty();
  }
}
