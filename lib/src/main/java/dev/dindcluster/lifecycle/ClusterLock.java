package dev.dindcluster.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One run at a time per cluster on this host: two {@code up}s of the same cluster cannot interleave.
 * A file lock (released by the OS even when the process is killed) under the state directory; the
 * second run waits up to {@code wait}, then fails with exit code 3 naming the lock.
 */
public final class ClusterLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private ClusterLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static ClusterLock acquire(Path lockDir, String clusterLabel, Duration wait) {
    try {
      Files.createDirectories(lockDir);
      Path file = lockDir.resolve(clusterLabel + ".lock");
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      long deadline = System.nanoTime() + wait.toNanos();
      while (true) {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          return new ClusterLock(channel, lock);
        }
        if (System.nanoTime() > deadline) {
          channel.close();
          throw new ClusterStateException(
              "another dind-cluster run holds cluster '" + clusterLabel + "' (lock " + file
                  + "); waited " + wait.toSeconds() + " s");
        }
        Thread.sleep(200);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take the cluster lock in " + lockDir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the cluster lock", e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
