package dev.dindcluster.dump;

import static dev.dindcluster.dump.DumpTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tukaani.xz.LZMAInputStream;

/** Generated content through our writer and back through our splitters. */
class RoundTripTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42})
  void plainRoundTrip(long seed) throws IOException {
    Map<String, byte[]> sections = generatedSections(seed, 40, 60);
    byte[] plain = plainDump(source(sections));
    assertThat(text(plain)).startsWith(DumpFormat.HEADER + "\n@@@ section-000");
    SplitReport report = PlainSplitter.split(in(plain), dir);
    assertThat(report.problems()).isEmpty();
    assertThat(listing(dir)).containsExactlyElementsOf(expectedListing(sections, ""));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42})
  void base64RoundTrip(long seed) throws IOException {
    Map<String, byte[]> sections = generatedSections(seed, 40, 60);
    byte[] blob = dump64(source(sections));
    SplitReport report = new Dump64Splitter(dir, null, QUIET).split(in(blob));
    assertThat(report.problems()).isEmpty();
    assertThat(listing(dir)).containsExactlyElementsOf(expectedListing(sections, ""));
  }

  @Test
  void blobFramingMatchesTheOriginal() throws IOException {
    byte[] blob = dump64(source(generatedSections(7, 30, 200)));
    String[] lines = text(blob).split("\n", -1);
    assertThat(lines[0]).isEqualTo("%%% start-base64 %%%");
    assertThat(lines[1]).startsWith("XQAAgAD//////////");
    assertThat(lines[lines.length - 2]).isEqualTo("%%% end-base64 %%%");
    assertThat(lines[lines.length - 1]).isEmpty(); // ends with a newline
    for (int i = 1; i < lines.length - 3; i++) {
      assertThat(lines[i]).hasSize(100).matches("[A-Za-z0-9+/]+");
    }
    assertThat(lines[lines.length - 3].length()).isBetween(1, 100);
  }

  @Test
  void blobDecodesToTheExactPlainDump() throws IOException {
    DumpSource source = source(generatedSections(9, 20, 50));
    byte[] plain = plainDump(source);
    String blob = text(dump64(source));
    String payload = blob.substring(blob.indexOf('\n') + 1, blob.indexOf("%%% end")).replace("\n", "");
    byte[] lzma = java.util.Base64.getDecoder().decode(payload);
    assertThat(Arrays.copyOf(lzma, 13)).containsExactly(
        0x5d, 0, 0, 0x80, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
    try (var in = new LZMAInputStream(in(lzma))) {
      assertThat(in.readAllBytes()).isEqualTo(plain);
    }
  }

  @Test
  void fromFileRePrintsTheSampleByteForByte() throws IOException {
    Path sample = dir.resolve("sample-dump.txt");
    Files.write(sample, vector("sample-dump.txt"));
    byte[] again = plainDump(new PlainDumpFileSource(sample));
    assertThat(again).isEqualTo(vector("sample-dump.txt"));
  }

  @Test
  void fromFileEncodesTheSampleToTheOriginalsBlob() throws IOException {
    // Same preset, same content: our encoder reproduces the original's blob exactly.
    Path sample = dir.resolve("sample-dump.txt");
    Files.write(sample, vector("sample-dump.txt"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DumpPrinter.base64(new PlainDumpFileSource(sample), out, true);
    assertThat(text(out.toByteArray())).isEqualTo(text(vector("sample-dump64.txt")));
  }

  @Test
  void emptyRepeatedAndUnterminatedSections() throws IOException {
    DumpSource source = writer -> {
      writer.header();
      writer.section("a.txt").write(bytes("one"));        // no final newline: the writer adds it
      writer.section("empty.txt");                         // no content: no file
      writer.section("b.txt").write(bytes("x\n@@@ not-a-marker @@@ y\n"));
      writer.section("a.txt").write(bytes("two\n"));       // repeated: appended, as in the original
      writer.finish();
    };
    byte[] plain = plainDump(source);
    assertThat(text(plain)).isEqualTo(DumpFormat.HEADER + "\n@@@ a.txt @@@\none\n@@@ empty.txt @@@\n"
        // a content line starting "@@@ " is escaped with one space (no forged markers), unescaped on split
        + "@@@ b.txt @@@\nx\n @@@ not-a-marker @@@ y\n@@@ a.txt @@@\ntwo\n");
    new Dump64Splitter(dir, null, QUIET).split(in(dump64(source)));
    assertThat(allPaths(dir)).containsExactly("a.txt", "b.txt");
    assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("one\ntwo\n");
  }

  @Test
  void linesLongerThanTheReadBufferSurvive() throws IOException {
    byte[] huge = new byte[ByteLineReader.MAX_LINE * 2 + 12345];
    Arrays.fill(huge, (byte) 'z');
    huge[huge.length - 1] = '\n';
    Map<String, byte[]> sections = new LinkedHashMap<>();
    sections.put("huge.txt", huge);
    sections.put("after.txt", bytes("after\n"));
    new Dump64Splitter(dir, null, QUIET).split(in(dump64(source(sections))));
    assertThat(listing(dir)).containsExactlyElementsOf(expectedListing(sections, ""));
    // and a base64 payload on one giant line (no wrapping at all) decodes too
    String blob = text(dump64(source(sections)));
    String payload = blob.substring(blob.indexOf('\n') + 1, blob.indexOf("%%% end")).replace("\n", "");
    Path other = dir.resolve("other");
    SplitReport report = new Dump64Splitter(other, null, QUIET)
        .split(in(bytes("%%% start-base64 %%%\n" + payload + "\n%%% end-base64 %%%\n")));
    assertThat(report.problems()).isEmpty();
    assertThat(listing(other)).containsExactlyElementsOf(expectedListing(sections, ""));
  }
}
