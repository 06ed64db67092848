package dev.dindcluster.kube.fabric8;

import dev.dindcluster.kube.KubeFailure;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code <kubeconfig>.lock}, created exclusively and deleted afterwards: the convention kubectl
 * (client-go) and kind use, so we never write while they do. (A FileChannel lock would not be seen
 * by them, and a lock file left behind would make kubectl refuse to write.)
 */
final class KubeconfigLock implements AutoCloseable {
  private final Path lockFile;

  private KubeconfigLock(Path lockFile) {
    this.lockFile = lockFile;
  }

  static KubeconfigLock acquire(Path kubeconfig, Duration timeout) {
    Path absolute = kubeconfig.toAbsolutePath();
    Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        Files.createDirectories(lockFile.getParent());
        Files.createFile(lockFile);
        return new KubeconfigLock(lockFile);
      } catch (FileAlreadyExistsException e) {
        if (System.nanoTime() > deadline) {
          throw new KubeFailure("kubeconfig lock '" + lockFile + "' is held for more than "
              + timeout.toSeconds() + "s; remove it if no kubectl or dind-cluster is running");
        }
        pause();
      } catch (IOException e) {
        throw new KubeFailure("kubeconfig lock '" + lockFile + "': " + e.getMessage(), e);
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubeFailure("interrupted while waiting for the kubeconfig lock", e);
    }
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(lockFile);
    } catch (IOException e) {
      throw new KubeFailure("kubeconfig lock '" + lockFile + "': cannot remove: " + e.getMessage(), e);
    }
  }
}
