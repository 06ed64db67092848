package dev.dindcluster.dump;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a byte stream line by line without decoding characters (dumps may hold any bytes) and in
 * bounded memory: a line longer than {@link #MAX_LINE} bytes is handed out in several fragments
 * ({@link #startsLine()} / {@link #endsLine()} tell which part this is). The current line is a view
 * into an internal buffer, valid until the next call to {@link #next()}.
 */
final class ByteLineReader {
  static final int MAX_LINE = 1 << 20;
  private static final int INITIAL = 1 << 16;

  private final InputStream in;
  private byte[] buf = new byte[INITIAL];
  private int pos; // start of unread data
  private int limit; // end of valid data
  private boolean eof;

  private int start;
  private int length;
  private boolean startsLine = true;
  private boolean endsLine = true;
  private boolean newlineTerminated;
  private long lineNumber;

  ByteLineReader(InputStream in) {
    this.in = in;
  }

  /** Moves to the next line or fragment; false at the end of the stream. */
  boolean next() throws IOException {
    startsLine = endsLine;
    int scanFrom = pos;
    while (true) {
      int newline = indexOf((byte) '\n', scanFrom, limit);
      if (newline >= 0) {
        deliver(newline - pos, true, true);
        pos = newline + 1;
        return true;
      }
      if (eof) {
        if (pos == limit) {
          return false;
        }
        deliver(limit - pos, true, false); // last line without '\n'
        pos = limit;
        return true;
      }
      if (limit - pos >= MAX_LINE) {
        deliver(limit - pos, false, false);
        pos = limit;
        return true;
      }
      scanFrom = limit;
      int shift = pos;
      fill();
      scanFrom -= shift;
    }
  }

  private void deliver(int len, boolean ends, boolean newline) {
    start = pos;
    length = len;
    endsLine = ends;
    newlineTerminated = newline;
    if (startsLine) {
      lineNumber++;
    }
  }

  /** Compacts the buffer, grows it when full (up to MAX_LINE), and reads more bytes. */
  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_LINE + INITIAL));
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  private int indexOf(byte b, int from, int to) {
    byte[] a = buf;
    for (int i = from; i < to; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  byte[] buffer() {
    return buf;
  }

  /** Offset of the current line (or fragment) in {@link #buffer()}, without its '\n'. */
  int start() {
    return start;
  }

  int length() {
    return length;
  }

  boolean startsLine() {
    return startsLine;
  }

  boolean endsLine() {
    return endsLine;
  }

  /** Whether the current line ended with '\n' (false only for a last line without one). */
  boolean newlineTerminated() {
    return newlineTerminated;
  }

  /** 1-based number of the current line. */
  long lineNumber() {
    return lineNumber;
  }

  boolean isWholeLine() {
    return startsLine && endsLine;
  }
}
