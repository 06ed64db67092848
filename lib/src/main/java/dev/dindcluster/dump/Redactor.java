package dev.dindcluster.dump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of dumps that end up in public CI logs. Line by line (bytes read as Latin-1,
 * so any content passes through unchanged except what is replaced) it replaces with
 * {@value #MARK}: kubeadm bootstrap tokens ({@code [a-z0-9]{6}.[a-z0-9]{16}}), PEM private-key
 * blocks (BEGIN ... PRIVATE KEY through END, over several lines or within one), the values of
 * kubeconfig/JSON/YAML keys {@code token}, {@code *-token}, {@code client-key-data}, and HTTP
 * {@code Bearer} credentials. One instance holds the state of one section (inside a PEM block or
 * not); it errs on the side of hiding too much.
 */
public final class Redactor {
  public static final String MARK = "<redacted>";

  private static final Pattern BOOTSTRAP_TOKEN =
      Pattern.compile("(?<![a-z0-9])[a-z0-9]{6}\\.[a-z0-9]{16}(?![a-z0-9])");
  private static final Pattern PEM_ONE_LINE =
      Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?-----END [A-Z0-9 ]*PRIVATE KEY-----");
  private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");
  private static final Pattern PEM_END = Pattern.compile("-----END [A-Z0-9 ]*PRIVATE KEY-----");
  private static final Pattern KEY_VALUE =
      Pattern.compile(
          "([\"']?)(?<![\\w-])([\\w-]*token|client-key-data)\\1(\\s*[:=]\\s*)([\"']?)[^\\s\"',}]+");
  private static final Pattern BEARER = Pattern.compile("(Bearer\\s+)[A-Za-z0-9._~+/=-]{8,}");

  private boolean inPemBlock;

  /** Redacts one line (without its line end); returns null for a line that is dropped (inside a PEM block). */
  public String line(String line) {
    if (inPemBlock) {
      var end = PEM_END.matcher(line);
      if (!end.find()) {
        return null; // the whole line is key material: dropped
      }
      inPemBlock = false;
      line = line.substring(end.end());
      if (line.isBlank()) {
        return null;
      }
    }
    if (line.contains("PRIVATE KEY-----")) {
      line = PEM_ONE_LINE.matcher(line).replaceAll(MARK);
      var begin = PEM_BEGIN.matcher(line);
      if (begin.find()) {
        inPemBlock = true;
        return line.substring(0, begin.start()) + MARK;
      }
    }
    if (line.indexOf('.') >= 0) {
      line = BOOTSTRAP_TOKEN.matcher(line).replaceAll(MARK);
    }
    if (line.contains("token") || line.contains("client-key-data")) {
      line = KEY_VALUE.matcher(line).replaceAll("$1$2$1$3$4" + MARK);
    }
    if (line.contains("Bearer")) {
      line = BEARER.matcher(line).replaceAll("$1" + MARK);
    }
    return line;
  }

  /** A stream that redacts the text written to it, line by line, into {@code out}. */
  public static OutputStream filter(OutputStream out) {
    return new Filter(out);
  }

  private static final class Filter extends OutputStream {
    /** Longer "lines" are processed in pieces so memory stays bounded. */
    private static final int MAX_LINE = 1 << 20;

    private final OutputStream out;
    private final Redactor redactor = new Redactor();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    Filter(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      if (b == '\n') {
        emit(true);
      } else {
        line.write(b);
        if (line.size() >= MAX_LINE) {
          emit(false);
        }
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      int end = off + len;
      int from = off;
      for (int i = off; i < end; i++) {
        if (b[i] == '\n') {
          line.write(b, from, i - from);
          emit(true);
          from = i + 1;
        }
      }
      line.write(b, from, end - from);
      if (line.size() >= MAX_LINE) {
        emit(false);
      }
    }

    private void emit(boolean newline) throws IOException {
      String redacted = redactor.line(line.toString(StandardCharsets.ISO_8859_1));
      line.reset();
      if (redacted != null) {
        out.write(redacted.getBytes(StandardCharsets.ISO_8859_1));
        if (newline) {
          out.write('\n');
        }
      }
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (line.size() > 0) {
        emit(false);
      }
      out.close();
    }
  }
}
