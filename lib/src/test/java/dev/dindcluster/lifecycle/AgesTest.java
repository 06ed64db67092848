package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** kubectl's AGE rule (apimachinery's HumanDuration), boundary by boundary. */
class AgesTest {
  private static String human(long seconds) {
    return Ages.human(Duration.ofSeconds(seconds));
  }

  @Test
  void agesGetCoarserWithTime() {
    assertThat(human(-5)).isEqualTo("<invalid>");
    assertThat(human(0)).isEqualTo("0s");
    assertThat(human(119)).isEqualTo("119s");
    assertThat(human(120)).isEqualTo("2m");
    assertThat(human(330)).isEqualTo("5m30s");
    assertThat(human(10 * 60 + 59)).isEqualTo("10m");
    assertThat(human(179 * 60)).isEqualTo("179m");
    assertThat(human(3 * 3600 + 25 * 60)).isEqualTo("3h25m");
    assertThat(human(8 * 3600 + 59 * 60)).isEqualTo("8h");
    assertThat(human(47 * 3600)).isEqualTo("47h");
    assertThat(human(50 * 3600)).isEqualTo("2d2h");
    assertThat(human(72 * 3600)).isEqualTo("3d");
    assertThat(human(400L * 86400)).isEqualTo("400d");
    assertThat(human(3L * 365 * 86400 + 10 * 86400)).isEqualTo("3y10d");
    assertThat(human(9L * 365 * 86400)).isEqualTo("9y");
  }

  @Test
  void sinceReadsTheApisTimestamps() {
    Instant now = Instant.parse("2026-01-01T01:00:00Z");
    assertThat(Ages.since("2026-01-01T00:59:00Z", now)).isEqualTo("60s");
    assertThat(Ages.since(null, now)).isEqualTo("<unknown>");
    assertThat(Ages.since("yesterday", now)).isEqualTo("<unknown>");
  }

  @Test
  void tablesPadEveryColumnButTheLast() {
    String text = new TextTable(java.util.List.of("NAME", "STATUS", "MESSAGE"))
        .row(java.util.List.of("kube-master", "Ready", "two\nlines"))
        .row(java.util.List.of("n", "", "x"))
        .render();
    assertThat(text).isEqualTo(
        "NAME          STATUS   MESSAGE\n"
            + "kube-master   Ready    two lines\n"
            + "n             <none>   x\n");
  }
}
