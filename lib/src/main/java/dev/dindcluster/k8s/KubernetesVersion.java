package dev.dindcluster.k8s;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A released Kubernetes version, {@code v1.20.2} or a pre-release such as {@code v1.36.0-rc.1}.
 * Every per-version rule (kubeadm's configuration API, the node runtime, image names) compares
 * versions through {@link #atLeast(int)}, so a cut-over has one home.
 */
public record KubernetesVersion(int minor, int patch, String preRelease) implements Comparable<KubernetesVersion> {
  /** The oldest minor any kubeadm of the original's fixed scripts shipped. */
  public static final int OLDEST_MINOR = 8;

  private static final Pattern FORM =
      Pattern.compile("v1\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,3})(?:-((?:alpha|beta|rc)\\.(?:0|[1-9]\\d{0,2})))?");
  private static final Comparator<KubernetesVersion> ORDER =
      Comparator.comparingInt(KubernetesVersion::minor).thenComparingInt(KubernetesVersion::patch)
          .thenComparing(KubernetesVersion::preReleaseRank);

  public KubernetesVersion {
    if (minor < OLDEST_MINOR) {
      throw new IllegalArgumentException("Kubernetes v1." + minor + " predates kubeadm's configuration files; the oldest supported minor is v1." + OLDEST_MINOR);
    }
    Objects.requireNonNull(preRelease, "preRelease (empty for a release)");
  }

  /** Parses {@code v1.X.Y} or {@code v1.X.Y-alpha.N|beta.N|rc.N}; the message names the value and the form. */
  public static KubernetesVersion parse(String text) {
    Optional<KubernetesVersion> version = tryParse(text);
    if (version.isEmpty()) {
      throw new IllegalArgumentException("Kubernetes version '" + text + "' must look like v1.20.2 or v1.36.0-rc.1"
          + " (v1.MINOR.PATCH, minor " + OLDEST_MINOR + " or newer)");
    }
    return version.get();
  }

  public static Optional<KubernetesVersion> tryParse(String text) {
    Matcher m = text == null ? null : FORM.matcher(text);
    if (m == null || !m.matches() || Integer.parseInt(m.group(1)) < OLDEST_MINOR) {
      return Optional.empty();
    }
    return Optional.of(new KubernetesVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        m.group(3) == null ? "" : m.group(3)));
  }

  /** True from v1.{minor}.0-alpha.0 on: pre-releases of a minor already carry its changes. */
  public boolean atLeast(int otherMinor) {
    return minor >= otherMinor;
  }

  public boolean isPreRelease() {
    return !preRelease.isEmpty();
  }

  /** {@code v1.20}. */
  public String minorText() {
    return "v1." + minor;
  }

  @Override
  public int compareTo(KubernetesVersion other) {
    return ORDER.compare(this, other);
  }

  /** alpha < beta < rc < release; the number orders within a kind. */
  private long preReleaseRank() {
    if (preRelease.isEmpty()) {
      return Long.MAX_VALUE;
    }
    String[] parts = preRelease.split("\\.");
    int kind = switch (parts[0]) {
      case "alpha" -> 0;
      case "beta" -> 1;
      default -> 2;
    };
    return kind * 1_000L + Integer.parseInt(parts[1]);
  }

  @Override
  public String toString() {
    return "v1." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease);
  }
}
