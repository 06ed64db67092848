package dev.dindcluster.dump;

import static dev.dindcluster.dump.DumpTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario recorded from the original in sample-split-results.txt. Inputs the recording
 * only describes (CRLF, timestamps, indented markers, two blobs, edge markers, 76 columns) are
 * rebuilt from the samples as described there. Where the original failed on a noisy log we must
 * produce the files it produced from the clean blob.
 */
class VectorsTest {
  static Map<String, List<String>> recorded;
  static List<String> sixteen;

  @TempDir Path dir;

  @BeforeAll
  static void load() {
    recorded = recordedResults();
    sixteen = recorded.get("clean-blob");
    assertThat(sixteen).hasSize(16);
  }

  private List<String> split64(String log) throws IOException {
    SplitReport report = new Dump64Splitter(dir, null, QUIET).split(in(bytes(log)));
    assertThat(report.problems()).isEmpty();
    return listing(dir);
  }

  private static String noisyLog() {
    return text(vector("sample-noisy-log.txt"));
  }

  @Test
  void plainDumpSplitsLikeTheOriginal() throws IOException {
    SplitReport report = PlainSplitter.split(in(vector("sample-dump.txt")), dir);
    assertThat(report.problems()).isEmpty();
    assertThat(listing(dir)).containsExactlyElementsOf(recorded.get("plain-dump"));
    assertThat(report.files()).hasSize(16);
  }

  @Test
  void cleanBlobSplitsLikeTheOriginal() throws IOException {
    assertThat(split64(text(vector("sample-dump64.txt")))).containsExactlyElementsOf(sixteen);
    // and the blob holds exactly the plain sample
    assertThat(recorded.get("plain-dump")).isEqualTo(sixteen);
  }

  @Test
  void noisyLogSplitsLikeTheOriginal() throws IOException {
    assertThat(split64(noisyLog())).containsExactlyElementsOf(recorded.get("noisy-log"));
  }

  @Test
  void rewrappedTo76ColumnsSplitsLikeTheOriginal() throws IOException {
    String blob = text(vector("sample-dump64.txt"));
    String payload = blob.substring(blob.indexOf('\n') + 1, blob.indexOf("%%% end")).replace("\n", "");
    StringBuilder log = new StringBuilder("%%% start-base64 %%%\n");
    for (int i = 0; i < payload.length(); i += 76) {
      log.append(payload, i, Math.min(payload.length(), i + 76)).append('\n');
    }
    log.append("%%% end-base64 %%%\n");
    assertThat(split64(log.toString())).containsExactlyElementsOf(recorded.get("rewrapped-76-cols"));
  }

  @Test
  void edgeMarkersSplitLikeTheOriginal() throws IOException {
    String input = "junk before any marker\n"
        + "@@@ a.txt @@@\nline1\n"
        + "@@@ empty.txt @@@\n"
        + "@@@ b c.txt @@@\nxx\n"
        + "@@@ a.txt @@@\nline2\n"
        + "@@@  spaced.txt  @@@\ny\n";
    SplitReport report = PlainSplitter.split(in(bytes(input)), dir);
    assertThat(report.problems()).isEmpty();
    assertThat(listing(dir)).containsExactlyElementsOf(recorded.get("edge-markers"));
  }

  // The original failed on these (empty cluster-dump/ or exit 1); we produce the 16 files.

  @Test
  void crlfLog() throws IOException {
    assertThat(recorded.get("crlf-log")).isEmpty();
    assertThat(split64(noisyLog().replace("\n", "\r\n"))).containsExactlyElementsOf(sixteen);
  }

  @Test
  void timestampedLog() throws IOException {
    assertThat(recorded.get("timestamped-log")).isEmpty();
    int[] n = {0};
    String log = mapLines(noisyLog(),
        line -> String.format("2026-11-22T01:%02d:%02d.%07dZ %s", n[0] / 60 % 60, n[0] % 60, 4567890 + 31 * n[0]++, line));
    assertThat(split64(log)).containsExactlyElementsOf(sixteen);
  }

  @Test
  void indentedMarkers() throws IOException {
    assertThat(recorded.get("indented-markers")).isEmpty();
    String log = mapLines(noisyLog(), line -> line.startsWith("%%%") ? "    " + line : line);
    assertThat(split64(log)).containsExactlyElementsOf(sixteen);
  }

  @Test
  void crlfOnDataLinesOnly() throws IOException {
    assertThat(recorded.get("crlf-data-only")).isEmpty();
    String log = mapLines(noisyLog(), line -> line.startsWith("%%%") ? line : line + "\r");
    assertThat(split64(log)).containsExactlyElementsOf(sixteen);
  }

  @Test
  void twoBlobsGoIntoNumberedDirectories() throws IOException {
    // The original extracted the first and then failed with "base64: invalid input".
    assertThat(recorded.get("two-blobs")).containsExactlyElementsOf(sixteen);
    List<String> files = split64(noisyLog() + "some more log\n" + noisyLog());
    List<String> expected = sixteen.stream()
        .flatMap(f -> java.util.stream.Stream.of("1/" + f, "2/" + f)).sorted().collect(Collectors.toList());
    assertThat(files).containsExactlyElementsOf(expected);
  }

  @Test
  void crlfPlainDump() throws IOException {
    assertThat(recorded.get("crlf-plain-dump")).isEmpty();
    String crlf = text(vector("sample-dump.txt")).replace("\n", "\r\n");
    SplitReport report = PlainSplitter.split(in(bytes(crlf)), dir);
    assertThat(report.problems()).isEmpty();
    assertThat(listing(dir)).containsExactlyElementsOf(recorded.get("plain-dump"));
  }

  @Test
  void everyRecordedScenarioIsCovered() {
    assertThat(recorded.keySet()).containsExactlyInAnyOrder(
        "plain-dump", "clean-blob", "noisy-log", "crlf-log", "timestamped-log", "indented-markers",
        "two-blobs", "edge-markers", "crlf-data-only", "rewrapped-76-cols", "crlf-plain-dump");
  }
}
