package dev.dindcluster.kube;

import java.nio.file.Path;
import java.util.Map;

/**
 * Which kubeconfig file to write, as kubectl decides it: the first of {@code $KUBECONFIG}, else
 * ~/.kube/config; always absolute.
 */
public final class KubeconfigPath {
  private KubeconfigPath() {}

  public static Path resolve(Map<String, String> env) {
    String list = env.getOrDefault("KUBECONFIG", "");
    for (String candidate : list.split(":")) {
      if (!candidate.isBlank()) {
        // A bare name (KUBECONFIG=kubeconfig) is relative to the working directory, as for kubectl.
        return Path.of(candidate).toAbsolutePath();
      }
    }
    String home = env.getOrDefault("HOME", "");
    if (home.isBlank()) {
      throw new IllegalArgumentException("HOME is not set and KUBECONFIG is empty: cannot tell where the kubeconfig is");
    }
    return Path.of(home, ".kube", "config");
  }
}
