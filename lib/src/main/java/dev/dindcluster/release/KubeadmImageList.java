package dev.dindcluster.release;

import dev.dindcluster.k8s.ComponentImages;
import dev.dindcluster.k8s.ComponentImages.Image;
import dev.dindcluster.k8s.KubernetesVersion;
import dev.dindcluster.k8s.VersionRules;
import dev.dindcluster.progress.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The images a release's kubeadm runs. kubeadm 1.11 and later say it themselves, patch level
 * included (etcd moves within a minor), so the release's own kubeadm is asked; kubeadm 1.8-1.10
 * cannot, and a host that cannot run a linux/amd64 binary cannot ask: then the table in
 * {@link ComponentImages} is used.
 */
final class KubeadmImageList {
  private KubeadmImageList() {}

  static List<Image> of(KubernetesVersion version, Path kubeadm, Progress progress) {
    if (!VersionRules.hasConfigImagesList(version)) {
      return ComponentImages.forVersion(version);
    }
    Optional<List<Image>> listed = ask(version, kubeadm);
    if (listed.isEmpty()) {
      progress.warn("could not run " + kubeadm + " here to list its images; using dind-cluster's table for " + version.minorText());
      return ComponentImages.forVersion(version);
    }
    return listed.get();
  }

  private static Optional<List<Image>> ask(KubernetesVersion version, Path kubeadm) {
    try {
      Process process = new ProcessBuilder(kubeadm.toString(), "config", "images", "list",
          "--kubernetes-version", version.toString(), "--image-repository", ComponentImages.NODE_REPOSITORY)
          .redirectErrorStream(false)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        return Optional.empty();
      }
      List<Image> images = out.lines().map(String::strip).filter(l -> !l.isEmpty())
          .map(ref -> ComponentImages.fromNodeRef(ref, version)).flatMap(Optional::stream).toList();
      return images.isEmpty() ? Optional.empty() : Optional.of(images);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
