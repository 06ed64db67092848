package dev.dindcluster.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a config.sh-style file without running a shell: {@code KEY=VALUE} (unquoted, "double" or
 * 'single' quoted pieces), optional {@code export}, comments, blank lines, and the original
 * config.sh idiom {@code KEY="${KEY:-default}"}, which yields the default (the environment is
 * merged over the file afterwards, which is what the idiom meant). Anything else, such as
 * {@code if} blocks or command substitution, is reported with its file and line number.
 */
public final class ConfigFile {
  private static final Pattern ASSIGNMENT =
      Pattern.compile("^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$");
  /** KEY="${KEY:-default}" (or ${KEY-default}, quoted or not). */
  private static final Pattern DEFAULT_IDIOM =
      Pattern.compile("^(?:\"\\$\\{([A-Za-z_][A-Za-z0-9_]*):?-([^\"}$`\\\\]*)\\}\"|\\$\\{([A-Za-z_][A-Za-z0-9_]*):?-([^\\s\"'}$`\\\\]*)\\})\\s*(?:#.*)?$");

  private static final String ALLOWED =
      "expected KEY=VALUE, export KEY=VALUE, KEY=\"${KEY:-default}\", a # comment or a blank line"
          + " (values may be quoted; no $-expansion, command substitution or shell statements)";

  private ConfigFile() {}

  /** @throws InvalidConfigException naming the file, line number and what is allowed */
  public static Map<String, String> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InvalidConfigException(
          new Problem("config file " + file, null, "cannot be read (" + e + ")"));
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher assignment = ASSIGNMENT.matcher(line);
      String value = assignment.matches() ? value(assignment.group(1), assignment.group(2)) : null;
      if (value == null) {
        problems.add(new Problem(file + ":" + (i + 1), lines.get(i), ALLOWED));
      } else {
        values.put(assignment.group(1), value);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return values;
  }

  /** The value of the right-hand side, or null when it is not one of the accepted forms. */
  static String value(String key, String rhs) {
    Matcher idiom = DEFAULT_IDIOM.matcher(rhs);
    if (idiom.matches()) {
      String name = idiom.group(1) != null ? idiom.group(1) : idiom.group(3);
      String def = idiom.group(1) != null ? idiom.group(2) : idiom.group(4);
      return name.equals(key) ? def : null;
    }
    return shellWord(rhs);
  }

  /** One shell word made of unquoted, "double" and 'single' quoted pieces, then an optional comment. */
  private static String shellWord(String rhs) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < rhs.length()) {
      char c = rhs.charAt(i);
      if (Character.isWhitespace(c)) {
        String rest = rhs.substring(i).strip();
        return rest.isEmpty() || rest.startsWith("#") ? out.toString() : null;
      } else if (c == '\'') {
        int end = rhs.indexOf('\'', i + 1);
        if (end < 0) {
          return null;
        }
        out.append(rhs, i + 1, end);
        i = end + 1;
      } else if (c == '"') {
        i = doubleQuoted(rhs, i + 1, out);
        if (i < 0) {
          return null;
        }
      } else if ("$`\\;&|<>()".indexOf(c) >= 0) {
        return null;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Appends the content of a "..." piece starting after its quote; returns the index after it or -1. */
  private static int doubleQuoted(String rhs, int i, StringBuilder out) {
    while (i < rhs.length()) {
      char c = rhs.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < rhs.length() && "\"\\$`".indexOf(rhs.charAt(i + 1)) >= 0) {
        out.append(rhs.charAt(i + 1));
        i += 2;
      } else if (c == '$' || c == '`') {
        return -1;
      } else {
        out.append(c);
        i++;
      }
    }
    return -1;
  }
}
