package dev.dindcluster.dump;

import static dev.dindcluster.dump.DumpTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract between the Java section pipeline and its Perl transcription: the same bytes out for
 * the same bytes in. {@link RedactorTest} sends each of its cases through {@link #bothAgree} as well;
 * the cases here are the line handling around the patterns. Needs {@code perl} (Debian's perl-base,
 * always installed).
 */
class SectionFilterScriptTest {
  private static Path script;

  /** Java's content for one section, as SectionWriter writes it (the marker line dropped). */
  static String java(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SectionWriter writer = new SectionWriter(out, true);
    writer.section("x").write(bytes(text));
    writer.finish();
    String all = text(out.toByteArray());
    return all.substring(all.indexOf('\n') + 1);
  }

  static synchronized String perl(String text) throws IOException {
    if (script == null) {
      String program = SectionFilterScript.perl();
      Path file = Files.createTempFile("section-filter", ".pl");
      file.toFile().deleteOnExit();
      Files.writeString(file, program);
      script = file;
    }
    Process process = new ProcessBuilder("perl", script.toString()).redirectErrorStream(true).start();
    var output = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> {
      try {
        process.getInputStream().transferTo(output);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    reader.start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(bytes(text));
    }
    try {
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("perl finished").isTrue();
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    assertThat(process.exitValue()).as("perl's exit code; it printed: %s", output).isZero();
    return text(output.toByteArray());
  }

  /** Asserts Perl writes what Java writes for {@code text}, and returns that. */
  static String bothAgree(String text) throws IOException {
    String java = java(text);
    assertThat(perl(text)).as("the Perl section filter on %s", text).isEqualTo(java);
    return java;
  }

  @Test
  void markerLikeLinesAreEscapedTheSameWay() throws IOException {
    assertThat(bothAgree("@@@ nodes.txt @@@\n  @@@ x @@@\n@@@x\n @@ @@@ y\nplain\n"))
        .isEqualTo(" @@@ nodes.txt @@@\n   @@@ x @@@\n@@@x\n @@ @@@ y\nplain\n");
  }

  @Test
  void aMissingFinalLineEndIsAddedAndEmptyStaysEmpty() throws IOException {
    assertThat(bothAgree("no newline")).isEqualTo("no newline\n");
    assertThat(bothAgree("")).isEmpty();
    assertThat(bothAgree("\n\n")).isEqualTo("\n\n");
  }

  @Test
  void bytesOutsideAsciiAndCarriageReturnsPassUnchanged() throws IOException {
    String latin1 = "caf\u00e9 \u00df\u00ff\u0085 password=\u00e9t\u00e9\r\nsecret: abc\r\n";
    assertThat(bothAgree(latin1)).isEqualTo("caf\u00e9 \u00df\u00ff\u0085 password=<redacted>\r\nsecret: <redacted>\r\n");
  }

  @Test
  void edgesOfThePatternsAgree() throws IOException {
    bothAgree("-----BEGIN RSA PRIVATE KEY-----\rMIIE\r-----END RSA PRIVATE KEY----- tail\n");
    bothAgree("\u00e9https://user:hunter2@example.com/x and (https://u:p@h)\n");
    bothAgree("PASSWORD: |\r\n  line one\r\n\r\n  line two\r\nnext: 1\n");
    bothAgree("tls.key: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo= ca.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n");
    bothAgree("x: LS0tLS1CRUdJTi===A\n");
    bothAgree("Authorization: Basic dXNlcjpwYXNzd29yZA== Bearer short\n");
  }
}
