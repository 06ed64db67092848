package dev.dindcluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.config.FixedRelease;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dump, dump64, split-dump, split-dump64 through the real command line, streams captured. */
class DumpCommandsTest {
  @TempDir Path work;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(byte[] stdin, String... args) {
    out.reset();
    err.reset();
    CliContext context = new CliContext(
        new FixedRelease("dind-cluster-v1.20.java", "v1.20.2", "dind-cluster/node:v1.20.2"),
        Map.of(),
        new ByteArrayInputStream(stdin),
        new PrintStream(out, true),
        new PrintStream(err, true),
        work,
        () -> 1);
    return Cli.run(context, args);
  }

  private static byte[] vector(String name) throws IOException {
    try (InputStream in = DumpCommandsTest.class.getResourceAsStream("/vectors/" + name)) {
      return in.readAllBytes();
    }
  }

  private String out() {
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void dumpFromFileRePrintsAndDump64FromFileEncodes() throws IOException {
    Files.write(work.resolve("saved.txt"), vector("sample-dump.txt"));
    assertThat(run(new byte[0], "dump", "--from-file", "saved.txt")).isZero();
    assertThat(out()).isEqualTo(new String(vector("sample-dump.txt"), StandardCharsets.ISO_8859_1));
    assertThat(run(new byte[0], "dump64", "--from-file", "saved.txt")).isZero();
    assertThat(out()).isEqualTo(new String(vector("sample-dump64.txt"), StandardCharsets.ISO_8859_1));
  }

  @Test
  void dumpRedactsUnlessToldNot() throws IOException {
    Files.writeString(work.resolve("saved.txt"), "@@@ join.log @@@\nkubeadm join --token abcdef.0123456789abcdef\n");
    assertThat(run(new byte[0], "dump", "--from-file", "saved.txt")).isZero();
    assertThat(out()).contains("--token <redacted>").doesNotContain("abcdef.0123456789abcdef");
    assertThat(run(new byte[0], "dump", "--no-redact", "--from-file", "saved.txt")).isZero();
    assertThat(out()).contains("--token abcdef.0123456789abcdef");
  }

  @Test
  void dumpFromAMissingFileIsInvalidInput() {
    assertThat(run(new byte[0], "dump", "--from-file", "nope.txt")).isEqualTo(2);
    assertThat(err()).contains("--from-file nope.txt: no such file");
  }

  @Test
  void splitDumpOfADeviceOrADirectoryIsRefusedNamingWhatItIs() {
    assertThat(run(new byte[0], "split-dump", "/dev/zero")).isEqualTo(2);
    assertThat(err()).contains("/dev/zero: is not a file (a device?)").doesNotContain("no such file");
    assertThat(run(new byte[0], "split-dump64", work.toString())).isEqualTo(2);
    assertThat(err()).contains("is not a file (a directory)");
  }

  @Test
  void aBlobWhoseDataEndsEarlySaysSoInsteadOfNull() throws IOException {
    // Whole base64 lines, markers intact, but the LZMA data stops short: the decoder runs out of input.
    List<String> lines = new String(vector("sample-dump64.txt"), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    List<String> cut = new java.util.ArrayList<>(lines.subList(0, 6));
    cut.add(lines.get(lines.size() - 1));
    run((String.join("\n", cut) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), "split-dump64", "-o",
        work.resolve("out").toString());
    assertThat(err()).contains("damaged LZMA stream").doesNotContain("(null)");
  }

  @Test
  void splitDump64FromStdinListsTheFiles() throws IOException {
    assertThat(run(vector("sample-noisy-log.txt"), "split-dump64")).isZero();
    assertThat(out().lines()).hasSize(16)
        .contains("cluster-dump/nodes.txt (138 bytes)", "cluster-dump/describe-all.txt (57 bytes)");
    assertThat(Files.readString(work.resolve("cluster-dump/nodes.txt"))).startsWith("NAME          STATUS");
  }

  @Test
  void splitDumpFromAFileIntoAnOutputDirectory() throws IOException {
    Files.write(work.resolve("dump.txt"), vector("sample-dump.txt"));
    assertThat(run(new byte[0], "split-dump", "dump.txt", "--output", "out/here")).isZero();
    assertThat(out().lines()).hasSize(16).first().isEqualTo("out/here/describe-all.txt (57 bytes)");
  }

  @Test
  void splitDump64TwoBlobsAndPickingOne() throws IOException {
    byte[] one = vector("sample-dump64.txt");
    byte[] two = new byte[one.length * 2];
    System.arraycopy(one, 0, two, 0, one.length);
    System.arraycopy(one, 0, two, one.length, one.length);
    assertThat(run(two, "split-dump64")).isZero();
    assertThat(out().lines()).hasSize(32).contains("cluster-dump/1/nodes.txt (138 bytes)", "cluster-dump/2/nodes.txt (138 bytes)");
    assertThat(run(two, "split-dump64", "--blob", "2", "-o", "picked")).isZero();
    assertThat(out().lines()).hasSize(16).contains("picked/nodes.txt (138 bytes)");
    assertThat(run(two, "split-dump64", "--blob", "0")).isEqualTo(2);
    assertThat(err()).contains("invalid blob number 0");
  }

  @Test
  void splitProblemsExitOneWithTheLineOnStderr() {
    byte[] cut = "%%% start-base64 %%%\nXQAAgAD//////////wAVaAQIh1NpzO5a8BKJqHG0A7WMa3eibnbB\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(run(cut, "split-dump64")).isEqualTo(1);
    assertThat(err()).contains("split-dump64: blob 1 (start marker at line 1), line 2: no end marker");
    assertThat(run("@@@ ../evil @@@\nx\n".getBytes(StandardCharsets.US_ASCII), "split-dump")).isEqualTo(1);
    assertThat(err()).contains("split-dump: line 1: section name '../evil' refused");
    assertThat(work.resolve("evil")).doesNotExist();
  }

  @Test
  void helpListsTheDumpCommands() {
    assertThat(run(new byte[0], "--help")).isZero();
    assertThat(out()).contains("dump64", "split-dump64");
    assertThat(run(new byte[0], "split-dump64", "--help")).isZero();
    assertThat(out()).contains("--blob=N", "--output=DIR");
  }
}
