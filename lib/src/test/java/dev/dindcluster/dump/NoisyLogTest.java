package dev.dindcluster.dump;

import static dev.dindcluster.dump.DumpTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Logs as CI systems really print them, around a generated blob. */
class NoisyLogTest {
  @TempDir Path dir;

  Map<String, byte[]> sections;
  String blob;

  @BeforeEach
  void generate() throws IOException {
    sections = generatedSections(11, 25, 40);
    blob = text(dump64(source(sections)));
  }

  private void assertSplits(String log) throws IOException {
    SplitReport report = new Dump64Splitter(dir, null, QUIET).split(in(bytes(log)));
    assertThat(report.problems()).isEmpty();
    assertThat(listing(dir)).containsExactlyElementsOf(expectedListing(sections, ""));
  }

  private String inLog(String blobText) {
    return "Run ./dind-cluster.sh dump64\n\u001b[36;1mcollecting\u001b[0m\n" + blobText + "Done.\n";
  }

  @Test
  void githubActionsTimestamps() throws IOException {
    int[] n = {0};
    assertSplits(mapLines(inLog(blob),
        line -> String.format("2026-11-22T01:02:%02d.%07dZ %s", n[0] % 60, 4567890 + 7 * n[0]++, line)));
  }

  @Test
  void timestampsOfVaryingWidth() throws IOException {
    // Fractions printed without trailing zeros: the prefix is not one fixed width.
    int[] n = {0};
    assertSplits(mapLines(inLog(blob), line -> {
      String fraction = Integer.toString(1 + n[0]++ % 997).replaceAll("0+$", "");
      return "2026-11-22T01:02:03." + fraction + "Z " + line;
    }));
  }

  @Test
  void stepNamePrefixes() throws IOException {
    assertSplits(mapLines(inLog(blob), line -> "dump-cluster | " + line));
  }

  @Test
  void ansiColoursAroundMarkersAndData() throws IOException {
    assertSplits(mapLines(inLog(blob), line -> "\u001b[32m" + line + "\u001b[0m\u001b[K"));
  }

  @Test
  void gitlabSectionHeadersWithCarriageReturns() throws IOException {
    String log = mapLines(inLog(blob), line -> line.startsWith("%%% start")
        ? "section_start:1732237323:dump\r\u001b[0K" + line
        : line);
    assertSplits(log.replace("\n", "\r\n"));
  }

  @Test
  void blankLinesInsideTheBlob() throws IOException {
    assertSplits(mapLines(inLog(blob), line -> line + "\n"));
  }

  @Test
  void anEchoedStartMarkerBeforeTheRealOneIsIgnored() throws IOException {
    // e.g. the command line echoed by the CI, followed by the blob itself
    assertSplits("+ echo %%% start-base64 %%%\n" + "%%% start-base64 %%%\n" + blob);
  }

  @Test
  void prefixesEverywhereAtOnce() throws IOException {
    int[] n = {0};
    String log = mapLines(inLog(blob), line -> String.format(
        "\u001b[90m2026-11-22T01:02:%02d.%07dZ\u001b[0m build  %s", n[0] % 60, n[0]++, line));
    assertSplits(log.replace("\n", "\r\n"));
  }

  @Test
  void xzPayloadIsAcceptedToo() throws IOException {
    ByteArrayOutputStream xz = new ByteArrayOutputStream();
    try (XZOutputStream out = new XZOutputStream(xz, new LZMA2Options())) {
      out.write(plainDump(source(sections)));
    }
    String payload = java.util.Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(xz.toByteArray());
    assertSplits("%%% start-base64 %%%\n" + payload + "\n%%% end-base64 %%%\n");
  }

  @Test
  void pickOneBlobWithBlobOption() throws IOException {
    Map<String, byte[]> other = generatedSections(12, 5, 5);
    String log = inLog(text(dump64(source(other)))) + inLog(blob) + inLog(text(dump64(source(other))));
    SplitReport report = new Dump64Splitter(dir, 2, QUIET).split(in(bytes(log)));
    assertThat(report.problems()).isEmpty();
    assertThat(listing(dir)).containsExactlyElementsOf(expectedListing(sections, ""));
  }

  @Test
  void blobNumberBeyondTheLogIsAProblem() throws IOException {
    SplitReport report = new Dump64Splitter(dir, 3, QUIET).split(in(bytes(inLog(blob) + inLog(blob))));
    assertThat(report.problems()).containsExactly("--blob 3: the input holds only 2 blob(s)");
    assertThat(allPaths(dir)).isEmpty();
  }

  @Test
  void threeBlobsGoIntoThreeDirectories() throws IOException {
    SplitReport report = new Dump64Splitter(dir, null, QUIET)
        .split(in(bytes(inLog(blob) + inLog(blob) + inLog(blob))));
    assertThat(report.problems()).isEmpty();
    List<String> expected = new java.util.ArrayList<>();
    for (String d : List.of("1/", "2/", "3/")) {
      expected.addAll(expectedListing(sections, d));
    }
    assertThat(listing(dir)).containsExactlyElementsOf(expected.stream().sorted().toList());
    assertThat(report.files()).hasSize(expected.size());
    assertThat(report.files()).allSatisfy(f -> assertThat(f.path()).exists());
  }

  @Test
  void noBlobAtAllIsAProblem() throws IOException {
    SplitReport report = new Dump64Splitter(dir, null, QUIET).split(in(bytes("just\na log\n")));
    assertThat(report.problems()).containsExactly(
        "no dump64 blob found: no line ends with %%% start-base64 %%% in 2 line(s) of input");
  }
}
