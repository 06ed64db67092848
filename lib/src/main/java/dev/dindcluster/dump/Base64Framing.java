package dev.dindcluster.dump;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The writing half of the dump64 frame: the line {@code %%% start-base64 %%%}, the payload in
 * base64 lines of exactly 100 characters (the last one shorter), and the line
 * {@code %%% end-base64 %%%} — byte for byte what the original's {@code base64 -w 100} between two
 * {@code echo}s printed. Streaming: 75 input bytes make one 100-character line.
 */
public final class Base64Framing {
  private Base64Framing() {}

  private static final int BYTES_PER_LINE = DumpFormat.BASE64_LINE / 4 * 3; // 75

  /**
   * Writes the start marker now and returns a stream whose bytes are framed into {@code out};
   * closing it writes the last line and the end marker and flushes, but leaves {@code out} open.
   */
  public static OutputStream open(OutputStream out) throws IOException {
    out.write((DumpFormat.START_BASE64 + "\n").getBytes(StandardCharsets.US_ASCII));
    return new Encoder(out);
  }

  private static final class Encoder extends FilterOutputStream {
    private static final int LINES_PER_CHUNK = 512;
    private final byte[] pending = new byte[BYTES_PER_LINE * LINES_PER_CHUNK];
    private final byte[] encoded = new byte[(DumpFormat.BASE64_LINE + 1) * LINES_PER_CHUNK];
    private final Base64.Encoder base64 = Base64.getEncoder();
    private int count;
    private boolean closed;

    Encoder(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      if (count == pending.length) {
        flushLines(count);
      }
      pending[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (count == pending.length) {
          flushLines(count);
        }
        int n = Math.min(len, pending.length - count);
        System.arraycopy(b, off, pending, count, n);
        count += n;
        off += n;
        len -= n;
      }
    }

    /** Encodes the first {@code n} pending bytes as lines (n a multiple of 75 except at close). */
    private void flushLines(int n) throws IOException {
      int written = 0;
      for (int at = 0; at < n; at += BYTES_PER_LINE) {
        int chunk = Math.min(BYTES_PER_LINE, n - at);
        byte[] line = base64.encode(java.util.Arrays.copyOfRange(pending, at, at + chunk));
        System.arraycopy(line, 0, encoded, written, line.length);
        written += line.length;
        encoded[written++] = '\n';
      }
      out.write(encoded, 0, written);
      System.arraycopy(pending, n, pending, 0, count - n);
      count -= n;
    }

    @Override
    public void flush() throws IOException {
      // Only whole lines can go out before close; keep the rest pending.
      int whole = count - count % BYTES_PER_LINE;
      if (whole > 0) {
        flushLines(whole);
      }
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      if (count > 0) {
        flushLines(count);
      }
      out.write((DumpFormat.END_BASE64 + "\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
  }
}
