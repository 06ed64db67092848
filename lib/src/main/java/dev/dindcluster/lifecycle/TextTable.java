package dev.dindcluster.lifecycle;

import java.util.ArrayList;
import java.util.List;

/** Columns aligned as kubectl's tabwriter does: each but the last padded to its widest cell plus 3 blanks. */
final class TextTable {
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(List<String> headers) {
    rows.add(List.copyOf(headers));
  }

  TextTable row(List<String> cells) {
    if (cells.size() != rows.get(0).size()) {
      throw new IllegalArgumentException("row of " + cells.size() + " cells under " + rows.get(0).size() + " headers");
    }
    rows.add(cells.stream().map(c -> c == null || c.isEmpty() ? "<none>" : c.replace('\n', ' ')).toList());
    return this;
  }

  boolean isEmpty() {
    return rows.size() == 1;
  }

  String render() {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < columns; i++) {
        String cell = row.get(i);
        text.append(cell);
        if (i < columns - 1) {
          text.append(" ".repeat(widths[i] - cell.length() + 3));
        }
      }
      text.append('\n');
    }
    return text.toString();
  }
}
