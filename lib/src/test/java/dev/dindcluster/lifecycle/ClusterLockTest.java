package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterLockTest {
  @TempDir Path tmp;

  @Test
  void theDirectoryIsCreatedPrivateAndASecondRunWaitsThenFailsNamingTheLock() throws Exception {
    Path dir = tmp.resolve("home/.cache/dind-cluster/locks");
    try (ClusterLock first = ClusterLock.acquire(dir, "cluster-5", Duration.ofSeconds(1))) {
      assertThat(dir).isDirectory();
      assertThat(PosixFilePermissions.toString(posix(dir))).isEqualTo("rwx------");
      assertThatThrownBy(() -> ClusterLock.acquire(dir, "cluster-5", Duration.ofMillis(300)))
          .isInstanceOf(ClusterStateException.class)
          .hasMessageContaining("cluster-5").hasMessageContaining(dir.resolve("cluster-5.lock").toString());
    }
    try (ClusterLock again = ClusterLock.acquire(dir, "cluster-5", Duration.ofMillis(300))) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void aHeldLockIsPolledUntilTheWaitIsOverWithoutWaitingForReal() throws Exception {
    Path dir = tmp.resolve("locks");
    long[] now = {0};
    java.util.List<Duration> sleeps = new java.util.ArrayList<>();
    try (ClusterLock first = ClusterLock.acquire(dir, "cluster-5", Duration.ofSeconds(1))) {
      long started = System.nanoTime();
      assertThatThrownBy(() -> ClusterLock.acquire(dir, "cluster-5", Duration.ofMinutes(10),
              d -> { sleeps.add(d); now[0] += d.toNanos(); }, () -> now[0]))
          .isInstanceOf(ClusterStateException.class).hasMessageContaining("waited 600 s");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
    // Ten minutes of 200 ms polls, each one a try of the lock.
    assertThat(sleeps).hasSize(3000).allMatch(ClusterLock.POLL::equals);
  }

  @Test
  void aSymlinkedDirectoryIsRefusedAndNothingIsCreatedWhereItPoints() throws Exception {
    Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
    Path dir = Files.createSymbolicLink(tmp.resolve("locks"), elsewhere);
    assertThatThrownBy(() -> ClusterLock.acquire(dir, "x", Duration.ofMillis(100)))
        .isInstanceOf(ClusterStateException.class).hasMessageContaining("symbolic link");
    try (var left = Files.list(elsewhere)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aDirectoryOthersCanWriteIsRefused() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("locks"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> ClusterLock.acquire(dir, "x", Duration.ofMillis(100)))
        .isInstanceOf(ClusterStateException.class).hasMessageContaining("writable by others");
  }

  @Test
  void aDirectoryOfAnotherUserIsRefused() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a directory away");
    Path dir = Files.createDirectory(tmp.resolve("locks"));
    Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    assertThatThrownBy(() -> ClusterLock.acquire(dir, "x", Duration.ofMillis(100)))
        .isInstanceOf(ClusterStateException.class).hasMessageContaining("belongs to nobody");
  }

  @Test
  void locksLiveInTheUsersOwnDirectoriesNeverInTmp() {
    assertThat(ClusterRunner.lockDir(Map.of("XDG_RUNTIME_DIR", "/run/user/1000", "HOME", "/home/u", "TMPDIR", "/tmp")))
        .isEqualTo(Path.of("/run/user/1000/dind-cluster/locks"));
    assertThat(ClusterRunner.lockDir(Map.of("HOME", "/home/u", "TMPDIR", "/tmp")))
        .isEqualTo(Path.of("/home/u/.cache/dind-cluster/locks"));
    assertThatThrownBy(() -> ClusterRunner.lockDir(Map.of("HOME", "relative"))).isInstanceOf(IllegalArgumentException.class);
  }

  private static java.util.Set<java.nio.file.attribute.PosixFilePermission> posix(Path dir) throws java.io.IOException {
    return Files.getPosixFilePermissions(dir);
  }
}
