package dev.dindcluster.k8s;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which containerd a Kubernetes version's kubelet can run on, for nodes whose runtime is containerd.
 * The node base records its containerd's version (image label {@code dev.dindcluster.containerd-version},
 * inherited by every node image built on it); {@code up} checks it against these rules before anything
 * is created. From containerd's RELEASES.md support matrix and KEP-4033 (kubelet asks the runtime for
 * its cgroup driver through the CRI RuntimeConfig call, which containerd serves from 2.0; kubelet 1.38
 * refuses a runtime without it).
 */
public final class ContainerdSupport {
  private ContainerdSupport() {}

  /** The image label holding the node's containerd version (as {@code containerd --version} prints it). */
  public static final String LABEL = "dev.dindcluster.containerd-version";
  /** kubelet refuses a runtime without the CRI RuntimeConfig call (containerd 2.0+) from this minor. */
  public static final int NEEDS_RUNTIME_CONFIG = 38;

  private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");

  /** A containerd version, parsed from its leading x.y.z (Debian's "1.6.20~ds1-1" included). */
  record Version(int major, int minor, int patch) implements Comparable<Version> {
    static Optional<Version> parse(String text) {
      Matcher m = VERSION.matcher(text == null ? "" : text.strip());
      return m.lookingAt() ? Optional.of(new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)))) : Optional.empty();
    }

    @Override
    public int compareTo(Version o) {
      return java.util.Comparator.comparingInt(Version::major).thenComparingInt(Version::minor)
          .thenComparingInt(Version::patch).compare(this, o);
    }

    boolean atLeast(int major, int minor, int patch) {
      return compareTo(new Version(major, minor, patch)) >= 0;
    }

    @Override
    public String toString() {
      return major + "." + minor + "." + patch;
    }
  }

  /** Why this pairing cannot work (up exits 3), naming what does; empty when it can. */
  public static Optional<String> refusal(KubernetesVersion kubernetes, String containerd) {
    Optional<Version> v = Version.parse(containerd);
    if (v.isPresent() && kubernetes.atLeast(NEEDS_RUNTIME_CONFIG) && v.get().major() < 2) {
      return Optional.of("Kubernetes " + kubernetes + " needs containerd 2.0 or later (its kubelet asks the runtime for its"
          + " cgroup driver through the CRI RuntimeConfig call), but the node image's containerd is " + v.get()
          + ": build the node image on a node base with containerd 2.x, or use Kubernetes 1.37 or earlier");
    }
    return Optional.empty();
  }

  /** Why this pairing is outside containerd's support matrix (up warns and goes on); empty when inside. */
  public static Optional<String> warning(KubernetesVersion kubernetes, String containerd) {
    Optional<Version> parsed = Version.parse(containerd);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    Version v = parsed.get();
    String supported = kubernetes.atLeast(36) ? "2.2.0 or later"
        : kubernetes.atLeast(35) ? "1.7.28+, 2.1.5+ or 2.2.0+"
        : kubernetes.atLeast(32) ? "1.7 or 2.x"
        : null;
    boolean inside = supported == null
        || (kubernetes.atLeast(36) ? v.atLeast(2, 2, 0)
        : kubernetes.atLeast(35) ? (v.major() == 1 && v.minor() == 7 && v.patch() >= 28) || (v.major() == 2 && v.minor() == 1 && v.patch() >= 5)
            || v.atLeast(2, 2, 0)
        : v.atLeast(1, 7, 0));
    return inside ? Optional.empty() : Optional.of("the node image's containerd " + v + " is outside containerd's support matrix"
        + " for Kubernetes " + kubernetes.minorText() + " (it supports " + supported + "): the cluster may fail in ways"
        + " that are the runtime's, not dind-cluster's");
  }
}
