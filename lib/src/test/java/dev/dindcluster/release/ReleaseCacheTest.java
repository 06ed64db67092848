package dev.dindcluster.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dindcluster.progress.Progress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReleaseCacheTest {
  @TempDir Path dir;

  static String digest(String algorithm, byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
  }

  /** Warnings and details, for what up says about the checksum it used. */
  static final class Said implements Progress {
    final List<String> warnings = new ArrayList<>();
    final List<String> details = new ArrayList<>();

    @Override
    public Step step(String title) {
      return Progress.silent().step(title);
    }

    @Override
    public void detail(String message) {
      details.add(message);
    }

    @Override
    public void warn(String message) {
      warnings.add(message);
    }
  }

  /** A mirror that publishes only one kind of checksum, as releases of each era do. */
  LoopbackMirror publishingOnly(PublishedChecksum kind, String digest) throws java.io.IOException {
    return new LoopbackMirror().serve("/t.tgz", DownloadTest.BODY)
        .serve("/t.tgz." + kind.suffix, (digest + "  kubernetes-server-linux-amd64.tar.gz\n").getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @EnumSource(PublishedChecksum.class)
  void eachErasChecksumVerifiesTheDownloadAndKeysTheCache(PublishedChecksum kind) throws Exception {
    String sum = digest(kind.algorithm, DownloadTest.BODY);
    try (LoopbackMirror mirror = publishingOnly(kind, sum)) {
      Said said = new Said();
      ReleaseCache.Fetched got = new ReleaseCache(dir, new Download(DownloadTest.FAST)).fetch(mirror.uri("/t.tgz"), Optional.empty(), false, said);
      assertThat(got.file().getFileName().toString()).isEqualTo(kind.suffix + "-" + sum);
      assertThat(Files.readAllBytes(got.file())).isEqualTo(DownloadTest.BODY);
      assertThat(got.checksum()).contains(kind);
      assertThat(got.label()).isEqualTo(kind.suffix + ":" + sum);
      if (kind.weak) {
        assertThat(said.warnings).singleElement().asString().contains("only " + kind.algorithm, "weak hash");
      } else {
        assertThat(said.warnings).isEmpty();
      }
    }
  }

  @Test
  void theStrongestPublishedChecksumIsUsed() throws Exception {
    String wrongMd5 = "0".repeat(32); // would fail, but is never read: .sha512 comes first
    try (LoopbackMirror mirror = publishingOnly(PublishedChecksum.SHA512, digest("SHA-512", DownloadTest.BODY))
        .serve("/t.tgz.md5", wrongMd5.getBytes(StandardCharsets.UTF_8))) {
      ReleaseCache.Fetched got = new ReleaseCache(dir, new Download(DownloadTest.FAST)).fetch(mirror.uri("/t.tgz"), Optional.empty(), false, Progress.silent());
      assertThat(got.checksum()).contains(PublishedChecksum.SHA512);
    }
  }

  @Test
  void verifiedDownloadsAreCachedByContentAndNotFetchedAgain() throws Exception {
    String sum = DownloadTest.sha256(DownloadTest.BODY);
    try (LoopbackMirror mirror = publishingOnly(PublishedChecksum.SHA256, sum)) {
      ReleaseCache cache = new ReleaseCache(dir, new Download(DownloadTest.FAST));
      Path entry = cache.fetch(mirror.uri("/t.tgz"), Optional.empty(), false, Progress.silent()).file();
      assertThat(entry.getFileName().toString()).isEqualTo("sha256-" + sum);
      int requests = mirror.requests();
      assertThat(cache.fetch(mirror.uri("/t.tgz"), Optional.empty(), false, Progress.silent()).file()).isEqualTo(entry);
      assertThat(mirror.requests()).isEqualTo(requests + 1); // the checksum only
    }
  }

  @Test
  void aCacheEntryChangedSinceItWasCheckedIsDownloadedAgain() throws Exception {
    String sum = DownloadTest.sha256(DownloadTest.BODY);
    try (LoopbackMirror mirror = publishingOnly(PublishedChecksum.SHA256, sum)) {
      ReleaseCache cache = new ReleaseCache(dir, new Download(DownloadTest.FAST));
      Path entry = cache.fetch(mirror.uri("/t.tgz"), Optional.empty(), false, Progress.silent()).file();
      Files.write(entry, "swapped".getBytes(StandardCharsets.UTF_8));
      Said said = new Said();
      assertThat(cache.fetch(mirror.uri("/t.tgz"), Optional.empty(), false, said).file()).isEqualTo(entry);
      assertThat(Files.readAllBytes(entry)).isEqualTo(DownloadTest.BODY);
      assertThat(said.warnings).singleElement().asString().contains("no longer matches");
    }
  }

  @Test
  void aReleaseWithoutAnyChecksumIsRefusedUnlessAccepted() throws Exception {
    try (LoopbackMirror mirror = new LoopbackMirror().serve("/t.tgz", DownloadTest.BODY)) {
      ReleaseCache cache = new ReleaseCache(dir, new Download(DownloadTest.FAST));
      assertThatThrownBy(() -> cache.fetch(mirror.uri("/t.tgz"), Optional.empty(), false, Progress.silent()))
          .hasMessageContaining(mirror.uri("/t.tgz").toString())
          .hasMessageContaining(".sha256, .sha512, .sha1, .md5")
          .hasMessageContaining("DIND_UNVERIFIED_RELEASE=accept");
      assertThat(mirror.requests()).isEqualTo(4); // the four checksum names, not the tarball
      try (var left = Files.list(dir.resolve("releases"))) {
        assertThat(left.map(p -> p.getFileName().toString())).isEmpty();
      }

      Said said = new Said();
      ReleaseCache.Fetched got = cache.fetch(mirror.uri("/t.tgz"), Optional.empty(), true, said);
      assertThat(got.checksum()).isEqualTo(Optional.empty());
      assertThat(got.label()).isEqualTo("none");
      assertThat(got.file().getFileName().toString()).isEqualTo("unverified-sha256-" + DownloadTest.sha256(DownloadTest.BODY));
      assertThat(said.warnings).singleElement().asString().contains("unchecked");
      // Never a cache hit: nothing says the next download is the same file.
      int requests = mirror.requests();
      cache.fetch(mirror.uri("/t.tgz"), Optional.empty(), true, Progress.silent());
      assertThat(mirror.requests()).isEqualTo(requests + 5);
    }
  }

  @Test
  void aPinnedDigestIsCheckedInsteadOfWhatTheServerPublishes() throws Exception {
    String sum = DownloadTest.sha256(DownloadTest.BODY);
    // The server's own .sha256 is wrong (or forged): it is never read.
    try (LoopbackMirror mirror = publishingOnly(PublishedChecksum.SHA256, "0".repeat(64))) {
      ReleaseCache cache = new ReleaseCache(dir, new Download(DownloadTest.FAST));
      ReleaseCache.Fetched got = cache.fetch(mirror.uri("/t.tgz"), Optional.of(sum), false, Progress.silent());
      assertThat(got.file().getFileName().toString()).isEqualTo("sha256-" + sum);
      assertThat(mirror.requests()).isEqualTo(1); // the tarball only
      String other = "1".repeat(64);
      Files.delete(got.file());
      assertThatThrownBy(() -> cache.fetch(mirror.uri("/t.tgz"), Optional.of(other), false, Progress.silent()))
          .hasMessageContaining("checksum mismatch").hasMessageContaining("the pinned digest says " + other);
    }
  }

  @Test
  void aChecksumMismatchKeepsNothing() throws Exception {
    String wrong = "0".repeat(128);
    try (LoopbackMirror mirror = publishingOnly(PublishedChecksum.SHA512, wrong)) {
      ReleaseCache cache = new ReleaseCache(dir, new Download(DownloadTest.FAST));
      assertThatThrownBy(() -> cache.fetch(mirror.uri("/t.tgz"), Optional.empty(), false, Progress.silent()))
          .hasMessageContaining("checksum mismatch").hasMessageContaining(wrong).hasMessageContaining(".sha512")
          .hasMessageContaining("nothing was kept");
      try (var left = Files.list(dir.resolve("releases"))) {
        assertThat(left.map(p -> p.getFileName().toString())).containsOnly(".lock");
      }
    }
  }

  @Test
  void aChecksumFileWithoutADigestIsRefused() throws Exception {
    try (LoopbackMirror mirror = new LoopbackMirror().serve("/t.tgz.sha256", "<html>not found</html>".getBytes(StandardCharsets.UTF_8))) {
      ReleaseCache cache = new ReleaseCache(dir, new Download(DownloadTest.FAST));
      assertThatThrownBy(() -> cache.fetch(mirror.uri("/t.tgz"), Optional.empty(), false, Progress.silent()))
          .hasMessageContaining("does not hold a SHA-256 digest (64 hex digits)");
    }
  }
}
