package dev.dindcluster.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.StandardOpenOption;
import dev.dindcluster.kube.Sleeper;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One run at a time per cluster on this host: two {@code up}s of the same cluster cannot interleave.
 * A file lock (released by the OS even when the process is killed) in a directory only the user can
 * write: created 0700, and refused when it is a symlink, belongs to someone else or is writable by
 * others (another local user could otherwise redirect the lock file or hold the lock). The second
 * run waits up to {@code wait}, then fails with exit code 3 naming the lock.
 */
public final class ClusterLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private ClusterLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** How often a waiting run tries the lock again. */
  static final Duration POLL = Duration.ofMillis(200);

  public static ClusterLock acquire(Path lockDir, String clusterLabel, Duration wait) {
    return acquire(lockDir, clusterLabel, wait, Sleeper.REAL, System::nanoTime);
  }

  /** The same with the sleeper and clock injected, so a test waits ten minutes without waiting. */
  static ClusterLock acquire(Path lockDir, String clusterLabel, Duration wait, Sleeper sleeper, LongSupplier nanoClock) {
    try {
      ensurePrivateDirectory(lockDir);
      Path file = lockDir.resolve(clusterLabel + ".lock");
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
      long deadline = nanoClock.getAsLong() + wait.toNanos();
      while (true) {
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException heldHere) {
          lock = null; // this JVM holds it (two DindCluster objects for one cluster): wait like another process
        }
        if (lock != null) {
          return new ClusterLock(channel, lock);
        }
        if (nanoClock.getAsLong() >= deadline) {
          channel.close();
          throw new ClusterStateException(
              "another dind-cluster run holds cluster '" + clusterLabel + "' (lock " + file
                  + "); waited " + wait.toSeconds() + " s");
        }
        sleeper.sleep(POLL);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take the cluster lock in " + lockDir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the cluster lock", e);
    }
  }

  /** Creates {@code dir} (0700) or checks that it is the user's own, private, real directory. */
  static void ensurePrivateDirectory(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(dir.getParent());
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // another run made it meanwhile: checked below like any existing one
      }
    }
    PosixFileAttributes attrs = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    UserPrincipal me = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
    String problem = attrs.isSymbolicLink() ? "is a symbolic link"
        : !attrs.isDirectory() ? "is not a directory"
        : !attrs.owner().equals(me) ? "belongs to " + attrs.owner().getName() + ", not " + me.getName()
        : attrs.permissions().contains(PosixFilePermission.GROUP_WRITE) || attrs.permissions().contains(PosixFilePermission.OTHERS_WRITE)
            ? "is writable by others (" + PosixFilePermissions.toString(attrs.permissions()) + ")"
            : null;
    if (problem != null) {
      throw new ClusterStateException("the cluster lock directory " + dir + " " + problem
          + ": refusing to use it (remove it, or set TMPDIR/XDG_RUNTIME_DIR elsewhere)");
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
