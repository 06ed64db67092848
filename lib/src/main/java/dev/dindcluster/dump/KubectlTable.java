package dev.dindcluster.dump;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table as kubectl prints it (and as a dump holds it): an upper-case header whose columns are
 * separated by two or more spaces, rows aligned under it. Cells are cut at the header's column
 * starts, so only the last column (a MESSAGE) may hold spaces. Several tables may follow each
 * other in one text, each starting with its own header line.
 */
final class KubectlTable {
  private static final Pattern COLUMN = Pattern.compile("\\S+(?: \\S+)*");

  private KubectlTable() {}

  /** Every row of every table in {@code text} whose header has {@code requiredColumn}, as column -> cell. */
  static List<Map<String, String>> rows(String text, String requiredColumn) {
    List<Map<String, String>> rows = new ArrayList<>();
    List<String> names = null;
    List<Integer> starts = null;
    for (String line : text.split("\r?\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (isHeader(line)) {
        names = new ArrayList<>();
        starts = new ArrayList<>();
        Matcher m = COLUMN.matcher(line);
        while (m.find()) {
          names.add(m.group());
          starts.add(m.start());
        }
        if (!names.contains(requiredColumn)) {
          names = null;
        }
        continue;
      }
      if (names == null) {
        continue;
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        int from = Math.min(starts.get(i), line.length());
        int to = i + 1 < names.size() ? Math.min(starts.get(i + 1), line.length()) : line.length();
        row.put(names.get(i), line.substring(from, Math.max(from, to)).strip());
      }
      rows.add(row);
    }
    return rows;
  }

  /** A header has only upper-case words (NAME, LAST SEEN, NOMINATED NODE, ...), at least two of them. */
  private static boolean isHeader(String line) {
    String stripped = line.strip();
    return stripped.matches("[A-Z][A-Z0-9()-]*(?:\\s+[A-Z][A-Z0-9()-]*)+") && line.startsWith(stripped.substring(0, 1));
  }
}
