package dev.dindcluster.dump;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Escapes content lines that begin, after any spaces, with {@code "@@@ "}: one more space goes
 * before the {@code @@@}. The original's splitter ({@code /^@@@ .* @@@$/}) and ours then see content,
 * not a marker; ours removes the space again ({@link #unescapedStart}). Streaming, with at most four
 * bytes held back: spaces pass through at once, and the extra one is indistinguishable from them.
 */
final class MarkerEscapingStream extends OutputStream {
  private static final byte[] MARK = {'@', '@', '@', ' '};

  private final OutputStream out;
  private final byte[] pending = new byte[MARK.length];
  private int pendingLength;
  private boolean onlySpaces = true; // the current line so far is spaces only
  private boolean closed;

  MarkerEscapingStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    if (!onlySpaces) {
      out.write(b);
      onlySpaces = b == '\n';
      return;
    }
    if (pendingLength == 0 && b == ' ') {
      out.write(b);
      return;
    }
    if (b == MARK[pendingLength]) {
      pending[pendingLength++] = (byte) b;
      if (pendingLength == MARK.length) {
        out.write(' ');
        release();
        onlySpaces = false;
      }
      return;
    }
    release();
    out.write(b);
    onlySpaces = b == '\n';
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  private void release() throws IOException {
    if (pendingLength > 0) {
      out.write(pending, 0, pendingLength);
      pendingLength = 0;
    }
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      release();
      out.close();
    }
  }

  /**
   * Where an escaped content line's original text starts: {@code off + 1} for a line of one or
   * more spaces followed by {@code "@@@ "}, else {@code off}.
   */
  static int unescapedStart(byte[] b, int off, int len) {
    int i = off;
    while (i < off + len && b[i] == ' ') {
      i++;
    }
    if (i == off || off + len - i < MARK.length) {
      return off;
    }
    for (int k = 0; k < MARK.length; k++) {
      if (b[i + k] != MARK[k]) {
        return off;
      }
    }
    return off + 1;
  }
}
