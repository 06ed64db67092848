package dev.dindcluster.dump;

import static dev.dindcluster.dump.DumpTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAOutputStream;

/** Section names that would escape the output directory (or trip a file system) are refused. */
class RefusedNamesTest {
  @TempDir Path root;

  static List<String> refusedNames() {
    return List.of(
        "../escaped.txt", "..", ".", "a/b.txt", "/tmp/absolute.txt", "/", "sub/../../x",
        "a\\b.txt", "..\\..\\x", "C:x.txt", "nul\u0000byte", "bell\u0007", "tab\tinside",
        "esc\u001b[31m", "del\u007f", "x".repeat(256), "evil\u202Etxt.exe", "zero\u200Bwidth");
  }

  /** Latin-1 keeps single bytes as they are; names beyond it (bidi controls) are written as UTF-8, as a pod would. */
  private static byte[] encode(String text) {
    return text.chars().anyMatch(c -> c > 0xff) ? text.getBytes(java.nio.charset.StandardCharsets.UTF_8) : bytes(text);
  }

  /** A plain dump: a good section, the bad one, another good one. */
  private static String dumpWith(String badName) {
    return DumpFormat.HEADER + "\n@@@ good-1.txt @@@\nfirst\n@@@ " + badName + " @@@\nSECRET\n"
        + "@@@ good-2.txt @@@\nsecond\n";
  }

  @ParameterizedTest
  @MethodSource("refusedNames")
  void plainSplitRefusesAndWritesNothingOutside(String name) throws IOException {
    Path out = root.resolve("a").resolve("out");
    // "tab\tinside" is a marker whose first word is "tab" (as in the original): a good name.
    boolean firstWordOk = name.equals("tab\tinside");
    SplitReport report = PlainSplitter.split(in(encode(dumpWith(name))), out);
    if (firstWordOk) {
      assertThat(report.problems()).isEmpty();
      assertThat(allPaths(root)).containsExactly("a", "a/out", "a/out/good-1.txt", "a/out/good-2.txt", "a/out/tab");
      return;
    }
    assertThat(report.problems()).singleElement().asString()
        .startsWith("line 4: section name ")
        .contains(" refused: ")
        .contains("allowed: a single file name");
    // only the good sections, nothing anywhere else under the test root
    assertThat(allPaths(root)).containsExactly("a", "a/out", "a/out/good-1.txt", "a/out/good-2.txt");
    assertThat(Files.readString(out.resolve("good-2.txt"))).isEqualTo("second\n");
  }

  @ParameterizedTest
  @MethodSource("refusedNames")
  void blobSplitRefusesAndWritesNothingOutside(String name) throws IOException {
    Path out = root.resolve("a").resolve("out");
    // Encoded by hand, since our writer refuses such names.
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    try (OutputStream framed = Base64Framing.open(blob);
        OutputStream lzma = new LZMAOutputStream(framed, new LZMA2Options(6), -1)) {
      lzma.write(encode(dumpWith(name)));
    }
    SplitReport report = new Dump64Splitter(out, null, QUIET).split(in(blob.toByteArray()));
    if (name.equals("tab\tinside")) {
      assertThat(report.problems()).isEmpty();
      return;
    }
    assertThat(report.problems()).singleElement().asString()
        .startsWith("blob 1 (start marker at line 1), dump line 4: section name ");
    assertThat(allPaths(root)).containsExactly("a", "a/out", "a/out/good-1.txt", "a/out/good-2.txt");
  }

  @Test
  void emptyMarkerIsRefused() throws IOException {
    SplitReport report = PlainSplitter.split(in(bytes("@@@  @@@\nx\n@@@ ok @@@\ny\n")), root);
    assertThat(report.problems()).containsExactly(
        "line 1: section name '' refused: the name is empty; allowed: " + SectionNames.ALLOWED);
    assertThat(allPaths(root)).containsExactly("ok");
  }

  @Test
  void aSymlinkInTheOutputDirectoryIsReplacedNotFollowed() throws IOException {
    Path outside = root.resolve("outside.txt");
    Files.writeString(outside, "precious\n");
    Path out = Files.createDirectories(root.resolve("out"));
    Files.createSymbolicLink(out.resolve("nodes.txt"), outside);
    PlainSplitter.split(in(bytes("@@@ nodes.txt @@@\nfrom the dump\n")), out);
    assertThat(Files.readString(outside)).isEqualTo("precious\n");
    assertThat(Files.isSymbolicLink(out.resolve("nodes.txt"))).isFalse();
    assertThat(Files.readString(out.resolve("nodes.txt"))).isEqualTo("from the dump\n");
  }

  @ParameterizedTest
  @MethodSource("refusedNames")
  void theWriterRefusesThemToo(String name) {
    SectionWriter writer = new SectionWriter(new ByteArrayOutputStream(), true);
    assertThatThrownBy(() -> writer.section(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid section name '")
        .hasMessageContaining("allowed: ");
  }

  @Test
  void theWriterRefusesNamesTheOriginalSplitterWouldCut() {
    SectionWriter writer = new SectionWriter(new ByteArrayOutputStream(), true);
    assertThatThrownBy(() -> writer.section("b c.txt"))
        .hasMessageContaining("the splitter keeps only the first word");
    assertThatThrownBy(() -> writer.section("")).hasMessageContaining("the name is empty");
  }
}
