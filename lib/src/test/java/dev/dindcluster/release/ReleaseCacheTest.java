package dev.dindcluster.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dindcluster.progress.Progress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseCacheTest {
  @TempDir Path dir;

  @Test
  void verifiedDownloadsAreCachedByContentAndNotFetchedAgain() throws Exception {
    String sum = DownloadTest.sha256(DownloadTest.BODY);
    try (LoopbackMirror mirror = new LoopbackMirror().serve("/t.tgz", DownloadTest.BODY)
        .serve("/t.tgz.sha256", sum.getBytes(StandardCharsets.UTF_8))) {
      ReleaseCache cache = new ReleaseCache(dir, new Download(DownloadTest.FAST));
      Path entry = cache.fetch(mirror.uri("/t.tgz"), mirror.uri("/t.tgz.sha256"), Progress.silent());
      assertThat(entry.getFileName().toString()).isEqualTo("sha256-" + sum);
      int requests = mirror.requests();
      assertThat(cache.fetch(mirror.uri("/t.tgz"), mirror.uri("/t.tgz.sha256"), Progress.silent())).isEqualTo(entry);
      assertThat(mirror.requests()).isEqualTo(requests + 1); // the checksum only
    }
  }

  @Test
  void aChecksumMismatchKeepsNothing() throws Exception {
    String wrong = "0".repeat(64);
    try (LoopbackMirror mirror = new LoopbackMirror().serve("/t.tgz", DownloadTest.BODY)
        .serve("/t.tgz.sha256", (wrong + "  kubernetes-server-linux-amd64.tar.gz\n").getBytes(StandardCharsets.UTF_8))) {
      ReleaseCache cache = new ReleaseCache(dir, new Download(DownloadTest.FAST));
      assertThatThrownBy(() -> cache.fetch(mirror.uri("/t.tgz"), mirror.uri("/t.tgz.sha256"), Progress.silent()))
          .hasMessageContaining("checksum mismatch").hasMessageContaining(wrong).hasMessageContaining("nothing was kept");
      try (var left = Files.list(dir.resolve("releases"))) {
        assertThat(left.map(p -> p.getFileName().toString())).containsOnly(".lock");
      }
    }
  }

  @Test
  void aChecksumFileWithoutADigestIsRefused() throws Exception {
    try (LoopbackMirror mirror = new LoopbackMirror().serve("/t.tgz.sha256", "<html>not found</html>".getBytes(StandardCharsets.UTF_8))) {
      ReleaseCache cache = new ReleaseCache(dir, new Download(DownloadTest.FAST));
      assertThatThrownBy(() -> cache.fetch(mirror.uri("/t.tgz"), mirror.uri("/t.tgz.sha256"), Progress.silent()))
          .hasMessageContaining("does not hold a SHA-256 digest");
    }
  }
}
