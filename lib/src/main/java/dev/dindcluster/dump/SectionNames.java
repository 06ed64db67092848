package dev.dindcluster.dump;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Which section names may become files. A name is one plain file name inside the output
 * directory: never a path, never a way out of the directory, never something a terminal or a
 * file system would trip over. The original wrote wherever a name pointed ({@code ../../x}).
 */
public final class SectionNames {
  private SectionNames() {}

  public static final String ALLOWED =
      "a single file name: not empty, not '.' or '..', no '/', '\\', NUL, control or invisible format"
          + " characters, no drive prefix, at most 255 bytes";

  /** Why {@code name} is refused, or empty when it is safe. */
  public static Optional<String> problem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("the name is empty");
    }
    if (name.equals(".") || name.equals("..")) {
      return Optional.of("'" + name + "' refers to a directory, not a file");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == '\\') {
        return Optional.of("it contains a path separator '" + c + "'");
      }
      if (c == 0) {
        return Optional.of("it contains a NUL character");
      }
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        return Optional.of(String.format("it contains the control character U+%04X", (int) c));
      }
      if (c == '\uFFFD') {
        return Optional.of("it is not valid UTF-8");
      }
      if (Character.getType(c) == Character.FORMAT) {
        // Bidi overrides (U+202E) and other invisible format characters make a listed name read
        // differently from the file it is ("evil\u202Etxt.exe").
        return Optional.of(String.format("it contains the invisible format character U+%04X", (int) c));
      }
    }
    if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
      return Optional.of("it starts with a drive prefix '" + name.substring(0, 2) + "'");
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
      return Optional.of("it is longer than 255 bytes");
    }
    return Optional.empty();
  }

  /** For writers: a name the original splitter would read back unchanged (no blanks either). */
  public static String requireWritable(String name) {
    Optional<String> problem = problem(name);
    if (problem.isEmpty() && (name.indexOf(' ') >= 0 || name.indexOf('\t') >= 0)) {
      problem = Optional.of("it contains a blank (the splitter keeps only the first word)");
    }
    if (problem.isPresent()) {
      throw new IllegalArgumentException(
          "invalid section name " + quote(name) + ": " + problem.get() + "; allowed: " + ALLOWED);
    }
    return name;
  }

  /** The name in quotes with control characters made visible, for error messages. */
  public static String quote(String name) {
    StringBuilder sb = new StringBuilder("'");
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\x%02x", (int) c));
      } else if (Character.getType(c) == Character.FORMAT || (c >= 0x80 && c < 0xa0)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('\'').toString();
  }
}
