package dev.dindcluster.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where e2e.test, ginkgo, kubectl and the test images are found, and what is said when they are not. */
class LocateTest {
  @TempDir Path tmp;

  private Path binDir(String name, boolean complete, long mtime) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("cache/k8s/" + name));
    for (String b : E2eTools.NAMES) {
      Path f = Files.writeString(dir.resolve(b), "#!/bin/sh\n");
      Files.setPosixFilePermissions(f, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE));
    }
    if (complete) {
      Files.createFile(dir.resolve(".complete"));
    }
    Files.setLastModifiedTime(dir, FileTime.fromMillis(mtime));
    return dir;
  }

  @Test
  void newestCompleteBuildInTheCacheIsUsed() throws Exception {
    binDir("bin-old", true, 1_000);
    Path newest = binDir("bin-new", true, 2_000);
    binDir("bin-partial", false, 3_000);
    E2eTools tools = E2eTools.locate(null, Map.of("DIND_CACHE_DIR", tmp.resolve("cache").toString()));
    assertThat(tools.e2eTest()).isEqualTo(newest.resolve("e2e.test"));
    assertThat(tools.kubectl()).isEqualTo(newest.resolve("kubectl"));
  }

  @Test
  void explicitDirectoryWinsAndMustHoldAllThree() throws Exception {
    Path dir = binDir("bin-x", false, 1);
    assertThat(E2eTools.locate(dir, Map.of()).ginkgo()).isEqualTo(dir.resolve("ginkgo"));
    assertThat(E2eTools.locate(null, Map.of("DIND_E2E_BINARIES", dir.toString())).ginkgo()).isEqualTo(dir.resolve("ginkgo"));
    Files.delete(dir.resolve("ginkgo"));
    assertThatThrownBy(() -> E2eTools.locate(dir, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--binaries '" + dir + "' has no executable 'ginkgo'");
    assertThatThrownBy(() -> E2eTools.locate(tmp.resolve("nope"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a directory");
  }

  @Test
  void nothingBuiltSaysWhatToRun() {
    assertThatThrownBy(() -> E2eTools.locate(null, Map.of("DIND_CACHE_DIR", tmp.toString())))
        .isInstanceOf(E2eSetupException.class)
        .hasMessageContaining("scripts/build-k8s-binaries --with-e2e");
    assertThatThrownBy(() -> TestImages.locate(null, Map.of("DIND_CACHE_DIR", tmp.toString())))
        .isInstanceOf(E2eSetupException.class)
        .hasMessageContaining("scripts/build-e2e-images");
  }

  @Test
  void testImagesAreReadFromTheBuildersDirectory() throws Exception {
    Path current = Files.createDirectories(tmp.resolve("e2e-images/abc"));
    Files.writeString(current.resolve("repo-list.yaml"), "e2eRegistry: dind-cluster.local/e2e\n");
    Files.writeString(current.resolve("images.txt"), "dind-cluster.local/e2e/agnhost:2.21\n\ndind-cluster.local/e2e/busybox:1.29\n");
    Files.createSymbolicLink(tmp.resolve("e2e-images/current"), Path.of("abc"));

    TestImages images = TestImages.locate(null, Map.of("DIND_CACHE_DIR", tmp.toString()));

    assertThat(images.images()).containsExactly("dind-cluster.local/e2e/agnhost:2.21", "dind-cluster.local/e2e/busybox:1.29");
    assertThat(images.repoList()).isEqualTo(tmp.resolve("e2e-images/current/repo-list.yaml"));
    assertThatThrownBy(() -> TestImages.locate(tmp, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--images '" + tmp + "'");
  }
}
