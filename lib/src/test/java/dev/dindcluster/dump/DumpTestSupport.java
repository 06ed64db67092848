package dev.dindcluster.dump;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Shared helpers: test vectors, generated dumps, directory listings with md5s. */
final class DumpTestSupport {
  private DumpTestSupport() {}

  static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

  static byte[] vector(String name) {
    try (InputStream in = DumpTestSupport.class.getResourceAsStream("/vectors/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /vectors/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String md5(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every regular file under {@code dir} as "relative/path (size bytes, md5 ...)", sorted. */
  static List<String> listing(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    if (!Files.exists(dir)) {
      return lines;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        byte[] data = Files.readAllBytes(file);
        lines.add(dir.relativize(file) + " (" + data.length + " bytes, md5 " + md5(data) + ")");
      }
    }
    return lines;
  }

  /** Every path (files and directories) under {@code dir}, relative, sorted. */
  static List<String> allPaths(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  /**
   * The expected file listings recorded from the original in sample-split-results.txt, by
   * scenario name ("plain-dump", "clean-blob", ...), with "cluster-dump/" removed.
   */
  static Map<String, List<String>> recordedResults() {
    Map<String, List<String>> results = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : text(vector("sample-split-results.txt")).split("\n")) {
      if (line.startsWith("=== ")) {
        current = new ArrayList<>();
        results.put(line.substring(4, line.indexOf(':')), current);
      } else if (line.startsWith("file: cluster-dump/") && current != null) {
        current.add(line.substring("file: cluster-dump/".length()));
      }
    }
    return results;
  }

  static InputStream in(byte[] data) {
    return new ByteArrayInputStream(data);
  }

  /** A generated dump's sections: name -> content (arbitrary bytes, each line ending in '\n'). */
  static Map<String, byte[]> generatedSections(long seed, int count, int maxLines) {
    Random random = new Random(seed);
    Map<String, byte[]> sections = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      int lines = random.nextInt(maxLines + 1);
      for (int l = 0; l < lines; l++) {
        int kind = random.nextInt(10);
        if (kind == 0) { // binary junk, but never a '\n' inside
          byte[] junk = new byte[random.nextInt(200)];
          random.nextBytes(junk);
          for (int k = 0; k < junk.length; k++) {
            if (junk[k] == '\n') {
              junk[k] = 'n';
            }
          }
          content.writeBytes(junk);
        } else if (kind == 1) {
          content.writeBytes(bytes("  @@@ not a marker @@@ (indented)"));
        } else {
          content.writeBytes(bytes("I0701 00:00:0" + (l % 10) + ".000000  " + i + " line " + l
              + " " + Long.toHexString(random.nextLong()) + " ä ü"));
        }
        content.write('\n');
      }
      sections.put(String.format("section-%03d-%s.log", i, Integer.toHexString(random.nextInt())),
          content.toByteArray());
    }
    return sections;
  }

  /** A source writing the given sections in order. */
  static DumpSource source(Map<String, byte[]> sections) {
    return writer -> {
      writer.header();
      for (var entry : sections.entrySet()) {
        writer.section(entry.getKey()).write(entry.getValue());
      }
      writer.finish();
    };
  }

  static byte[] plainDump(DumpSource source) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DumpPrinter.plain(source, out, false);
    return out.toByteArray();
  }

  static byte[] dump64(DumpSource source) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DumpPrinter.base64(source, out, false);
    return out.toByteArray();
  }

  /** The files a split should produce from sections: non-empty ones only, like the original. */
  static List<String> expectedListing(Map<String, byte[]> sections, String dirPrefix) {
    List<String> lines = new ArrayList<>();
    sections.forEach((name, content) -> {
      if (content.length > 0) {
        lines.add(dirPrefix + name + " (" + content.length + " bytes, md5 " + md5(content) + ")");
      }
    });
    return lines.stream().sorted().toList();
  }

  /** Applies {@code f} to every line (without its '\n') of {@code text}. */
  static String mapLines(String text, java.util.function.UnaryOperator<String> f) {
    StringBuilder sb = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i == lines.length - 1 && lines[i].isEmpty()) {
        break;
      }
      sb.append(f.apply(lines[i])).append('\n');
    }
    return sb.toString();
  }
}
