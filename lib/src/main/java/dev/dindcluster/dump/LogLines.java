package dev.dindcluster.dump;

/**
 * What a CI log does to a line, undone: ANSI escape sequences (colours, cursor moves) are removed,
 * a trailing CR (CRLF logs) is dropped, a CR inside the line keeps only what a terminal would show
 * after it (GitLab's {@code section_start:...\r\e[0K}), trailing blanks go. The result is a view:
 * either the original bytes or a cleaned copy in a scratch buffer.
 */
final class LogLines {
  private static final byte ESC = 0x1b;

  private byte[] scratch = new byte[256];
  byte[] bytes;
  int off;
  int len;

  /** Cleans {@code b[off, off+len)} into this view. */
  LogLines clean(byte[] b, int from, int length) {
    boolean dirty = false;
    for (int i = from, end = from + length; i < end; i++) {
      byte c = b[i];
      if (c == ESC || c == '\r') {
        dirty = true;
        break;
      }
    }
    if (!dirty) {
      bytes = b;
      off = from;
      len = length;
    } else {
      copyClean(b, from, length);
    }
    trimEnd();
    return this;
  }

  private void copyClean(byte[] b, int from, int length) {
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
    }
    int n = 0;
    int end = from + length;
    // A CR at the very end is a CRLF line end, not an overwrite.
    while (end > from && b[end - 1] == '\r') {
      end--;
    }
    for (int i = from; i < end; i++) {
      byte c = b[i];
      if (c == ESC) {
        i = skipEscape(b, i, end) - 1;
      } else if (c == '\r') {
        n = 0; // the terminal returns to column 0 and overwrites
      } else {
        scratch[n++] = c;
      }
    }
    bytes = scratch;
    off = 0;
    len = n;
  }

  /** Index just after the escape sequence starting at {@code i}. */
  private static int skipEscape(byte[] b, int i, int end) {
    if (i + 1 >= end) {
      return end;
    }
    byte kind = b[i + 1];
    if (kind == '[') { // CSI: parameters and intermediates, then one final byte @..~
      int j = i + 2;
      while (j < end && (b[j] < 0x40 || b[j] > 0x7e)) {
        j++;
      }
      return Math.min(j + 1, end);
    }
    if (kind == ']') { // OSC: up to BEL or ESC \
      int j = i + 2;
      while (j < end && b[j] != 0x07 && !(b[j] == ESC && j + 1 < end && b[j + 1] == '\\')) {
        j++;
      }
      return j >= end ? end : (b[j] == 0x07 ? j + 1 : j + 2);
    }
    return i + 2; // two-byte sequences such as ESC ( B
  }

  private void trimEnd() {
    while (len > 0 && isBlank(bytes[off + len - 1])) {
      len--;
    }
  }

  boolean endsWith(byte[] suffix) {
    if (len < suffix.length) {
      return false;
    }
    int base = off + len - suffix.length;
    for (int i = 0; i < suffix.length; i++) {
      if (bytes[base + i] != suffix[i]) {
        return false;
      }
    }
    return true;
  }

  static boolean isBlank(byte c) {
    return c == ' ' || c == '\t';
  }

  /** Whether {@code b[from, from+length)} contains {@code needle} (cheap pre-filter). */
  static boolean contains(byte[] b, int from, int length, byte[] needle) {
    byte first = needle[0];
    for (int i = from, last = from + length - needle.length; i <= last; i++) {
      if (b[i] == first) {
        int k = 1;
        while (k < needle.length && b[i + k] == needle[k]) {
          k++;
        }
        if (k == needle.length) {
          return true;
        }
      }
    }
    return false;
  }
}
