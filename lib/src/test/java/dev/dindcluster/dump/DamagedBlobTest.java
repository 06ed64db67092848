package dev.dindcluster.dump;

import static dev.dindcluster.dump.DumpTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cut-off and corrupted blobs: an error naming the line, complete sections kept, the section in
 * progress never written, no temporary files left behind.
 */
class DamagedBlobTest {
  @TempDir Path dir;

  Map<String, byte[]> sections;
  List<String> lines; // the blob's lines: start marker, payload..., end marker

  @BeforeEach
  void generate() throws IOException {
    sections = new LinkedHashMap<>();
    // Enough incompressible content that the payload spans many lines and sections.
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < 8; i++) {
      StringBuilder sb = new StringBuilder();
      for (int l = 0; l < 300; l++) {
        sb.append(Long.toString(random.nextLong(), 36)).append(' ').append(i).append('\n');
      }
      sections.put("part-" + i + ".txt", bytes(sb.toString()));
    }
    lines = List.of(text(dump64(source(sections))).split("\n"));
    assertThat(lines.size()).isGreaterThan(100);
  }

  private SplitReport split(List<String> logLines) throws IOException {
    return new Dump64Splitter(dir, null, QUIET).split(in(bytes(String.join("\n", logLines) + "\n")));
  }

  /** The files present must each be an exact, complete section. */
  private void assertOnlyCompleteSections() throws IOException {
    for (String path : allPaths(dir)) {
      assertThat(path).doesNotEndWith(".part").doesNotStartWith(".");
      assertThat(Files.readAllBytes(dir.resolve(path))).isEqualTo(sections.get(path));
    }
  }

  @Test
  void cutOffInTheMiddle() throws IOException {
    List<String> log = new java.util.ArrayList<>(List.of("step 1", "step 2"));
    log.addAll(lines.subList(0, lines.size() / 2));
    SplitReport report = split(log);
    assertThat(report.problems()).singleElement().asString()
        .startsWith("blob 1 (start marker at line 3), line " + log.size()
            + ": no end marker %%% end-base64 %%%: the blob is cut off; section 'part-")
        .endsWith("' was incomplete and was not written");
    assertOnlyCompleteSections();
    assertThat(allPaths(dir)).isNotEmpty().hasSizeLessThan(sections.size());
  }

  @Test
  void cutOffJustBeforeTheEndMarker() throws IOException {
    // All the data is there, but without the end marker the blob cannot be trusted complete.
    SplitReport report = split(lines.subList(0, lines.size() - 1));
    assertThat(report.problems()).singleElement().asString()
        .contains("line " + (lines.size() - 1) + ": no end marker")
        .contains("section 'part-7.txt' was incomplete and was not written");
    assertOnlyCompleteSections();
    assertThat(allPaths(dir)).hasSize(7).doesNotContain("part-7.txt");
  }

  @Test
  void badBase64Character() throws IOException {
    List<String> log = new java.util.ArrayList<>(lines);
    int bad = 40; // 0-based index: log line 41
    log.set(bad, log.get(bad).substring(0, 10) + "*" + log.get(bad).substring(11));
    SplitReport report = split(log);
    assertThat(report.problems()).singleElement().asString()
        .startsWith("blob 1 (start marker at line 1), line 41: not base64: '*' at column 11 of the payload");
    assertOnlyCompleteSections();
  }

  @Test
  void aForeignLineInsideTheBlob() throws IOException {
    List<String> log = new java.util.ArrayList<>(lines);
    log.add(20, "Error: the runner lost communication");
    SplitReport report = split(log);
    assertThat(report.problems()).singleElement().asString().contains("line 21: not base64: ':'");
  }

  @Test
  void damagedLzmaStream() throws IOException {
    // Valid base64 of wrong bytes: the decoder notices, somewhere after the damage.
    List<String> log = new java.util.ArrayList<>(lines);
    for (int i = 30; i < 34; i++) {
      char[] chars = log.get(i).toCharArray();
      Arrays.fill(chars, 'A');
      log.set(i, new String(chars));
    }
    SplitReport report = split(log);
    assertThat(report.problems()).singleElement().asString()
        .startsWith("blob 1 (start marker at line 1), line ")
        .containsAnyOf("damaged LZMA stream", "more data after the end of the LZMA stream");
    assertThat(allPaths(dir)).noneMatch(p -> p.endsWith(".part"));
  }

  @Test
  void damagedHeader() throws IOException {
    List<String> log = new java.util.ArrayList<>(lines);
    log.set(1, "////" + log.get(1).substring(4));
    SplitReport report = split(log);
    assertThat(report.problems()).singleElement().asString()
        .startsWith("blob 1 (start marker at line 1), line 2: damaged LZMA stream");
    assertThat(allPaths(dir)).isEmpty();
  }

  @Test
  void aNewStartMarkerCutsTheBlobAndTheNextOneStillSplits() throws IOException {
    List<String> log = new java.util.ArrayList<>(lines.subList(0, 50));
    log.addAll(lines);
    SplitReport report = split(log);
    assertThat(report.problems()).singleElement().asString()
        .startsWith("blob 1 (start marker at line 1), line 51: a new start marker before this blob's end marker");
    // blob 2 is complete: all its files, in 2/
    for (String name : sections.keySet()) {
      assertThat(Files.readAllBytes(dir.resolve("2").resolve(name))).isEqualTo(sections.get(name));
    }
    assertThat(allPaths(dir)).noneMatch(p -> p.endsWith(".part"));
  }

  @Test
  void dataAfterTheEndOfTheLzmaStream() throws IOException {
    List<String> log = new java.util.ArrayList<>(lines);
    log.add(log.size() - 1, "QUJD");
    SplitReport report = split(log);
    // Depending on the padding of the last line it is caught as base64 or as LZMA trailer.
    assertThat(report.problems()).singleElement().asString()
        .contains("line " + (log.size() - 1) + ": ")
        .containsAnyOf("more data after the end of the LZMA stream", "base64 data after the '=' padding");
  }

  @Test
  void aRepeatedSectionKeepsItsCompleteFirstPartWhenTheSecondIsCutOff() throws IOException {
    byte[] first = bytes("first part\n");
    DumpSource source = writer -> {
      writer.header();
      writer.section("a.txt").write(first);
      writer.section("b.txt").write(sections.get("part-0.txt"));
      writer.section("a.txt").write(sections.get("part-1.txt"));
      writer.finish();
    };
    List<String> blob = List.of(text(dump64(source)).split("\n"));
    SplitReport report = split(blob.subList(0, blob.size() - 3));
    assertThat(report.problems()).singleElement().asString()
        .contains("section 'a.txt' was incomplete and was not written");
    assertThat(Files.readAllBytes(dir.resolve("a.txt"))).isEqualTo(first);
    assertThat(allPaths(dir)).containsExactly("a.txt", "b.txt");
  }
}
