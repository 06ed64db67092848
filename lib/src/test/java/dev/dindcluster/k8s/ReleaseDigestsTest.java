package dev.dindcluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReleaseDigestsTest {
  @Test
  void thePinnedScriptsOfReleasesWithoutAPublishedSha256HaveAPinnedDigest() throws Exception {
    // v1.8-v1.10 were built before upstream published .sha256 files: their scripts must not depend on them.
    for (String line : Files.readAllLines(Path.of("../scripts/fixed-versions"))) {
      String[] fields = line.trim().split("\\s+");
      if (line.startsWith("#") || fields.length < 2) {
        continue;
      }
      KubernetesVersion version = KubernetesVersion.parse(fields[1]);
      if (!version.atLeast(11)) {
        assertThat(ReleaseDigests.serverTarballSha256(version)).as(fields[1]).get().asString().matches("[0-9a-f]{64}");
      }
    }
    assertThat(ReleaseDigests.serverTarballSha256(KubernetesVersion.parse("v1.20.2"))).isEmpty();
  }
}
