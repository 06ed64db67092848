package dev.dindcluster.lifecycle;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes bytes on, counting them and remembering the last one: whether a streamed section printed
 * anything, and whether a note after it needs a line of its own.
 */
final class TrackingStream extends FilterOutputStream {
  long count;
  int last = '\n';

  TrackingStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    count++;
    last = b & 0xff;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    if (len > 0) {
      count += len;
      last = b[off + len - 1] & 0xff;
    }
  }

  /** Ends the line if the last byte did not, then writes {@code text}. */
  void writeOnOwnLine(String text) throws IOException {
    if (last != '\n') {
      write('\n');
    }
    write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
