package dev.dindcluster.dump;

import java.io.IOException;
import java.io.InputStream;

/**
 * The decoded bytes of one blob, read straight from the log: each line loses the log's prefix,
 * blank lines are skipped, base64 groups may span lines (so any wrapping works, not just 100
 * columns). Errors name the log line. The stream ends at the end marker; when the log ends first
 * the blob is {@link #truncated()}.
 */
final class BlobStream extends InputStream {
  private static final byte[] DECODE = new byte[256];

  static {
    java.util.Arrays.fill(DECODE, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      DECODE[alphabet.charAt(i)] = (byte) i;
    }
  }

  private final LogScanner scanner;
  private final int index;
  private long startLine;
  private byte[] prefix;

  private final byte[] out = new byte[ByteLineReader.MAX_LINE / 4 * 3 + 3];
  private int outPos;
  private int outLimit;
  private int quad; // sextets collected so far, packed
  private int quadCount;
  private boolean padded;
  private boolean hasData;
  private boolean ended;
  private boolean truncated;

  BlobStream(LogScanner scanner, int index, long startLine, byte[] prefix) {
    this.scanner = scanner;
    this.index = index;
    this.startLine = startLine;
    this.prefix = prefix;
  }

  @Override
  public int read() throws IOException {
    if (outPos == outLimit && !refill()) {
      return -1;
    }
    return out[outPos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (outPos == outLimit && !refill()) {
      return -1;
    }
    int n = Math.min(len, outLimit - outPos);
    System.arraycopy(out, outPos, b, off, n);
    outPos += n;
    return n;
  }

  /** Decodes further lines until some bytes are available; false at the end of the blob. */
  private boolean refill() throws IOException {
    outPos = 0;
    outLimit = 0;
    ByteLineReader lines = scanner.lines;
    while (!ended && outLimit == 0) {
      if (!lines.next()) {
        ended = true;
        truncated = true;
        break;
      }
      if (lines.startsLine()) {
        LogLines line = scanner.clean.clean(lines.buffer(), lines.start(), lines.length());
        if (isMarkerLine(line)) {
          continue;
        }
        decode(line.bytes, afterPrefix(line), line.off + line.len);
      } else {
        decode(lines.buffer(), lines.start(), lines.start() + lines.length());
      }
    }
    if (ended && outLimit == 0 && quadCount != 0) {
      throw error(scanner.lineNumber(), "the base64 text ends in the middle of a 4-character group");
    }
    return outLimit > 0;
  }

  /** Handles end and start markers; true when the line was one. */
  private boolean isMarkerLine(LogLines line) throws DumpFormatException {
    if (line.endsWith(DumpFormat.END_BYTES)) {
      ended = true;
      return true;
    }
    if (line.endsWith(DumpFormat.START_BYTES)) {
      byte[] newPrefix =
          java.util.Arrays.copyOfRange(line.bytes, line.off, line.off + line.len - DumpFormat.START_BYTES.length);
      if (!hasData) {
        // The first start line was an echo of the command or a repeated marker: restart here.
        startLine = scanner.lineNumber();
        prefix = newPrefix;
        return true;
      }
      ended = true;
      truncated = true;
      scanner.startedAnother(scanner.lineNumber(), newPrefix);
      throw error(
          scanner.lineNumber(),
          "a new start marker before this blob's end marker " + DumpFormat.END_BASE64
              + ": the blob is cut off (the next blob starts here)");
    }
    return false;
  }

  /** Where the payload starts on a cleaned line: after the learned prefix and any blanks. */
  private int afterPrefix(LogLines line) {
    byte[] b = line.bytes;
    int from = line.off;
    int end = line.off + line.len;
    int n = prefix.length;
    if (n > 0) {
      if (line.len >= n && sameShape(b, from, n)) {
        from += n;
      } else {
        // A prefix of another length (a timestamp with fewer digits): the payload never
        // contains blanks, so it is what follows the last blank.
        for (int i = end - 1; i >= from; i--) {
          if (LogLines.isBlank(b[i])) {
            from = i + 1;
            break;
          }
        }
      }
    }
    while (from < end && LogLines.isBlank(b[from])) {
      from++;
    }
    return from;
  }

  /** Equal to the prefix, digits matching any digit (timestamps change from line to line). */
  private boolean sameShape(byte[] b, int from, int n) {
    for (int i = 0; i < n; i++) {
      byte c = b[from + i];
      byte p = prefix[i];
      if (c != p && !(isDigit(c) && isDigit(p))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private void decode(byte[] b, int from, int end) throws DumpFormatException {
    byte[] o = out;
    int n = outLimit;
    int q = quad;
    int qc = quadCount;
    for (int i = from; i < end; i++) {
      byte c = b[i];
      int v = DECODE[c & 0xff];
      if (v >= 0 && !padded) {
        q = (q << 6) | v;
        if (++qc == 4) {
          o[n++] = (byte) (q >> 16);
          o[n++] = (byte) (q >> 8);
          o[n++] = (byte) q;
          q = 0;
          qc = 0;
        }
      } else if (c == '=' && (qc >= 2 || padded)) {
        if (!padded) {
          // "xx==" carries one byte, "xxx=" two.
          if (qc == 2) {
            o[n++] = (byte) (q >> 4);
          } else if (qc == 3) {
            o[n++] = (byte) (q >> 10);
            o[n++] = (byte) (q >> 2);
          }
          padded = true;
        }
        qc = (qc + 1) & 3;
        q = 0;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        continue;
      } else {
        quad = q;
        quadCount = qc;
        outLimit = n;
        String what = padded && v >= 0 ? "base64 data after the '=' padding" : "not base64: " + describe(c);
        throw error(scanner.lineNumber(), what + " at column " + (i - from + 1) + " of the payload");
      }
    }
    if (n > outLimit || qc != quadCount || end > from) {
      hasData = true;
    }
    quad = q;
    quadCount = qc;
    outLimit = n;
  }

  private static String describe(byte c) {
    int u = c & 0xff;
    return u >= 0x21 && u < 0x7f ? "'" + (char) u + "'" : String.format("byte 0x%02x", u);
  }

  /**
   * Called when the decompressor reached its end marker: only blank lines may follow up to the
   * blob's end marker.
   */
  void finish() throws IOException {
    if (outPos < outLimit || (!ended && refill())) {
      throw error(scanner.lineNumber(), "more data after the end of the LZMA stream");
    }
    if (truncated) {
      throw truncatedError();
    }
  }

  /** Reads past the rest of this blob without decoding it (a blob not picked, or a failed one). */
  void skip() throws IOException {
    ByteLineReader lines = scanner.lines;
    while (!ended) {
      if (!lines.next()) {
        ended = true;
        truncated = true;
        return;
      }
      if (lines.isWholeLine()) {
        LogLines line = scanner.clean.clean(lines.buffer(), lines.start(), lines.length());
        if (line.endsWith(DumpFormat.END_BYTES)) {
          ended = true;
        } else if (line.endsWith(DumpFormat.START_BYTES) && hasData) {
          ended = true;
          truncated = true;
          scanner.startedAnother(scanner.lineNumber(), java.util.Arrays.copyOfRange(
              line.bytes, line.off, line.off + line.len - DumpFormat.START_BYTES.length));
        } else if (line.len > 0) {
          hasData = true;
        }
      }
    }
  }

  DumpFormatException truncatedError() {
    return error(scanner.lineNumber(),
        "no end marker " + DumpFormat.END_BASE64 + ": the blob is cut off");
  }

  DumpFormatException error(long line, String what) {
    return new DumpFormatException(describe() + ", line " + line + ": " + what);
  }

  /** "blob 2 (start marker at line 40)" for messages. */
  String describe() {
    return "blob " + index + " (start marker at line " + startLine + ")";
  }

  boolean truncated() {
    return truncated;
  }

  boolean ended() {
    return ended;
  }

  int index() {
    return index;
  }

  long startLine() {
    return startLine;
  }

  long scannerLine() {
    return scanner.lineNumber();
  }
}
