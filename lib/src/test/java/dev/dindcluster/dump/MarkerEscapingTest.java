package dev.dindcluster.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A pod log that prints a marker line must not forge a section, for our splitter or the original's awk. */
class MarkerEscapingTest {
  static final String POD_LOG = String.join("\n",
      "normal line",
      "@@@ nodes.txt @@@",
      "NAME   STATUS   ROLES",
      "fake-node   Ready   master",
      "   @@@ indented.txt @@@",
      "@@@",
      "@@@ not a marker",
      " leading space kept",
      "");
  /** The original's split-dump: {@code awk '/^@@@ .* @@@$/ {out=$2} ...'}. */
  static final Pattern ORIGINAL_MARKER = Pattern.compile("^@@@ .* @@@$");

  @TempDir Path dir;

  @ParameterizedTest(name = "redact={0}")
  @ValueSource(booleans = {true, false})
  void forgedMarkersStayContentAndComeBackUnchanged(boolean redact) throws Exception {
    ByteArrayOutputStream dump = new ByteArrayOutputStream();
    SectionWriter writer = new SectionWriter(dump, redact);
    writer.header();
    try (OutputStream pod = writer.section("pod-kube-master-default-evil--c.log")) {
      // in small pieces, as a log stream arrives
      byte[] bytes = POD_LOG.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < bytes.length; i += 3) {
        pod.write(bytes, i, Math.min(3, bytes.length - i));
      }
    }
    writer.section("nodes.txt").write("kube-master Ready\n".getBytes(StandardCharsets.UTF_8));
    writer.finish();
    String text = dump.toString(StandardCharsets.UTF_8);

    assertThat(text.lines().filter(l -> ORIGINAL_MARKER.matcher(l).matches()))
        .containsExactly("@@@ pod-kube-master-default-evil--c.log @@@", "@@@ nodes.txt @@@");
    SplitReport report = PlainSplitter.split(new ByteArrayInputStream(dump.toByteArray()), dir);
    assertThat(report.files()).hasSize(2);
    assertThat(Files.readString(dir.resolve("pod-kube-master-default-evil--c.log"))).isEqualTo(POD_LOG);
    assertThat(Files.readString(dir.resolve("nodes.txt"))).isEqualTo("kube-master Ready\n");
    assertThat(dir.resolve("indented.txt")).doesNotExist();
  }
}
