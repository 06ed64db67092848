package dev.dindcluster.dump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of dumps that end up in public CI logs. Line by line (bytes read as Latin-1,
 * so any content passes through unchanged except what is replaced) it replaces with
 * {@value #MARK}: kubeadm bootstrap tokens ({@code [a-z0-9]{6}.[a-z0-9]{16}}), JSON web tokens
 * (service-account tokens), PEM private-key blocks (BEGIN ... PRIVATE KEY through END, over several
 * lines or within one) and base64-encoded ones (a Secret's {@code tls.key: LS0t...}), the values
 * of keys named {@code *token}, {@code *password}, {@code *passwd}, {@code *secret}, {@code
 * *api-key} (any case, {@code key: value} or {@code KEY=value}, block scalars {@code key: |} with
 * every line under them) and {@code client-key-data}, HTTP {@code Bearer} and {@code Basic}
 * credentials, and the password in {@code scheme://user:password@host} URLs. One instance holds
 * the state of one section (inside a PEM block or a block scalar, or not); it errs on the side of
 * hiding too much.
 */
public final class Redactor {
  public static final String MARK = "<redacted>";

  private static final Pattern BOOTSTRAP_TOKEN =
      Pattern.compile("(?<![a-z0-9])[a-z0-9]{6}\\.[a-z0-9]{16}(?![a-z0-9])");
  private static final Pattern PEM_ONE_LINE =
      Pattern.compile("(?s)-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?-----END [A-Z0-9 ]*PRIVATE KEY-----");
  private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");
  private static final Pattern PEM_END = Pattern.compile("-----END [A-Z0-9 ]*PRIVATE KEY-----");
  private static final String SECRET_KEY = "(?:[\\w-]*(?:token|password|passwd|secret|api[-_]?key)|client-key-data)";
  private static final Pattern KEY_VALUE =
      Pattern.compile("([\"']?)(?<![\\w-])(" + SECRET_KEY + ")\\1(\\s*[:=]\\s*)([\"']?)(?![|>][-+]?\\s*\\z)[^\\s\"',}]+",
          Pattern.CASE_INSENSITIVE);
  /** {@code key: |} or {@code key: >-}: the value is the more indented lines that follow. */
  private static final Pattern BLOCK_SCALAR_KEY =
      Pattern.compile("^(\\s*)(?:-\\s+)?([\"']?)" + SECRET_KEY + "\\2\\s*:\\s*[|>][-+0-9]*\\s*\\z", Pattern.CASE_INSENSITIVE);
  private static final Pattern HTTP_CREDENTIALS = Pattern.compile("((?:Bearer|Basic)\\s+)[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
  private static final Pattern URL_PASSWORD = Pattern.compile("((?<!\\w)[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:)[^/\\s@]+@");
  /** base64 of "-----BEGIN " followed by the rest of the block. */
  private static final Pattern BASE64_PEM = Pattern.compile("LS0tLS1CRUdJTi[A-Za-z0-9+/]+=*");

  /**
   * Every pattern above by its name, for {@link SectionFilterScript}, which runs these rules where no
   * JVM runs (the CI service's {@code /dump64}); its contract test holds the two to the same output.
   */
  static java.util.Map<String, Pattern> patterns() {
    var all = new java.util.LinkedHashMap<String, Pattern>();
    all.put("BOOTSTRAP_TOKEN", BOOTSTRAP_TOKEN);
    all.put("PEM_ONE_LINE", PEM_ONE_LINE);
    all.put("PEM_BEGIN", PEM_BEGIN);
    all.put("PEM_END", PEM_END);
    all.put("KEY_VALUE", KEY_VALUE);
    all.put("BLOCK_SCALAR_KEY", BLOCK_SCALAR_KEY);
    all.put("HTTP_CREDENTIALS", HTTP_CREDENTIALS);
    all.put("JWT", JWT);
    all.put("URL_PASSWORD", URL_PASSWORD);
    all.put("BASE64_PEM", BASE64_PEM);
    return all;
  }

  private boolean inPemBlock;
  /** Inside a secret block scalar: the indentation of its key (lines indented further are its value), else -1. */
  private int blockScalarIndent = -1;

  /** Redacts one line (without its line end); returns null for a line that is dropped (inside a PEM block). */
  public String line(String line) {
    if (blockScalarIndent >= 0) {
      int indent = indentation(line);
      if (line.isBlank() || indent > blockScalarIndent) {
        return line.isBlank() ? line : line.substring(0, indent) + MARK;
      }
      blockScalarIndent = -1;
    }
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
    if (line.contains("LS0tLS1CRUdJTi")) {
      line = BASE64_PEM.matcher(line).replaceAll(m -> isPrivateKey(m.group()) ? MARK : m.group());
    }
    if (line.indexOf('.') >= 0) {
      line = BOOTSTRAP_TOKEN.matcher(line).replaceAll(MARK);
      if (line.contains("eyJ")) {
        line = JWT.matcher(line).replaceAll(MARK);
      }
    }
    String lower = line.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("token") || lower.contains("client-key-data") || lower.contains("pass") || lower.contains("secret")
        || lower.contains("key")) {
      var block = BLOCK_SCALAR_KEY.matcher(line);
      if (block.matches()) {
        blockScalarIndent = block.group(1).length();
        return line;
      }
      line = KEY_VALUE.matcher(line).replaceAll("$1$2$1$3$4" + MARK);
    }
    if (line.contains("Bearer") || line.contains("Basic")) {
      line = HTTP_CREDENTIALS.matcher(line).replaceAll("$1" + MARK);
    }
    if (line.contains("://") && line.indexOf('@') >= 0) {
      line = URL_PASSWORD.matcher(line).replaceAll("$1" + MARK + "@");
    }
    return line;
  }

  private static int indentation(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** Whether base64 text starting with "-----BEGIN " encodes a private key's block. */
  private static boolean isPrivateKey(String base64) {
    String head = base64.substring(0, Math.min(base64.length(), 64) / 4 * 4);
    try {
      return new String(java.util.Base64.getDecoder().decode(head), StandardCharsets.ISO_8859_1).contains("PRIVATE KEY");
    } catch (IllegalArgumentException e) {
      return true; // not even base64 after that prefix: hide it rather than guess
    }
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
