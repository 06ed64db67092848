package dev.dindcluster.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadTest {
  static final Download.Limits FAST = new Download.Limits(Duration.ofSeconds(2), Duration.ofMillis(500), 3);
  static final byte[] BODY = new byte[3_000_000];

  static {
    new Random(7).nextBytes(BODY);
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @TempDir Path dir;

  @Test
  void downloadsWholeAndHashes() throws Exception {
    try (LoopbackMirror mirror = new LoopbackMirror().serve("/f", BODY)) {
      Path target = dir.resolve("f");
      assertThat(new Download(FAST).toFile(mirror.uri("/f"), target, "SHA-256", Download.ByteProgress.NONE)).isEqualTo(sha256(BODY));
      assertThat(Files.readAllBytes(target)).isEqualTo(BODY);
    }
  }

  @Test
  void resumesWithARangeAfterADroppedConnection() throws Exception {
    try (LoopbackMirror mirror = new LoopbackMirror().serve("/f", BODY).fault(LoopbackMirror.Fault.DROP, 1_000_000, 2)) {
      Path target = dir.resolve("f");
      long[] last = {0};
      String hash = new Download(FAST).toFile(mirror.uri("/f"), target, "SHA-256", (done, total) -> last[0] = done);
      assertThat(hash).isEqualTo(sha256(BODY));
      assertThat(last[0]).isEqualTo(BODY.length);
      assertThat(mirror.requests()).isEqualTo(3);
    }
  }

  @Test
  void aStalledMirrorFailsWithinTheReadTimeoutsAndLeavesNoFile() throws Exception {
    try (LoopbackMirror mirror = new LoopbackMirror().serve("/f", BODY).fault(LoopbackMirror.Fault.STALL, 100_000, 100)) {
      Path target = dir.resolve("f");
      long start = System.nanoTime();
      assertThatThrownBy(() -> new Download(FAST).toFile(mirror.uri("/f"), target, "SHA-256", Download.ByteProgress.NONE))
          .isInstanceOf(Download.Failure.class)
          .hasMessageContaining(mirror.uri("/f").toString())
          .hasMessageContaining("no answer within the timeout");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
      assertThat(target).doesNotExist();
    }
  }

  @Test
  void refusedConnectionsAndHttpErrorsAreNamed() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closed + "/v1.20.2/x.sha256");
    assertThatThrownBy(() -> new Download(FAST).textIfPublished(nowhere)).hasMessageContaining(nowhere.toString())
        .hasMessageContaining("connection refused");
    try (LoopbackMirror mirror = new LoopbackMirror()) {
      assertThatThrownBy(() -> new Download(FAST).toFile(mirror.uri("/missing"), dir.resolve("m"), "SHA-256", Download.ByteProgress.NONE))
          .hasMessageContaining("HTTP 404");
      assertThat(dir.resolve("m")).doesNotExist();
      // A checksum file that is not there is an answer, not a failure: the caller tries the next kind.
      assertThat(new Download(FAST).textIfPublished(mirror.uri("/missing.sha256"))).isEmpty();
    }
  }
}
