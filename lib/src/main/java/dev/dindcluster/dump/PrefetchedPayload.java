package dev.dindcluster.dump;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A blob's decoded payload, read ahead on a second thread: scanning the log and decoding base64
 * run while the LZMA decoder (the slow part) runs on the caller's thread, so a split takes about
 * as long as decompression alone. The queue is bounded (memory stays constant). Each chunk keeps
 * the log line of every byte range, so errors the decompressor finds still name their line;
 * errors the reader finds (bad base64, cut-off blob) arrive in order, after the data before them.
 */
final class PrefetchedPayload extends InputStream {
  private static final int CHUNK = 32 * 1024;
  private static final int MAX_RANGES = 1024;
  private static final int QUEUE = 8;

  /** Decoded bytes; {@code ends[i]} is the end offset of the bytes that came from {@code lines[i]}. */
  private record Chunk(byte[] data, int length, int[] ends, long[] lines, int ranges, IOException error) {
    boolean isEnd() {
      return data == null && error == null;
    }
  }

  private static final Chunk END = new Chunk(null, 0, null, null, 0, null);

  private final BlobStream blob;
  private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Thread reader;
  private volatile boolean cancelled;

  private Chunk current;
  private byte[] buf;
  private int pos;
  private int limit;
  private long lastLine;

  PrefetchedPayload(BlobStream blob) {
    this.blob = blob;
    this.lastLine = blob.startLine();
    this.reader = new Thread(this::readAhead, "dump64-" + blob.describe());
    reader.setDaemon(true);
    reader.start();
  }

  private void readAhead() {
    try {
      while (!cancelled) {
        byte[] data = new byte[CHUNK];
        int[] ends = new int[MAX_RANGES];
        long[] lines = new long[MAX_RANGES];
        int length = 0;
        int ranges = 0;
        boolean atEnd = false;
        while (length < CHUNK && ranges < MAX_RANGES) {
          // One read returns the bytes of at most one log line.
          int n = blob.read(data, length, CHUNK - length);
          if (n < 0) {
            atEnd = true;
            break;
          }
          length += n;
          ends[ranges] = length;
          lines[ranges++] = blob.scannerLine();
        }
        if (length > 0) {
          put(new Chunk(data, length, ends, lines, ranges, null));
        }
        if (atEnd) {
          put(blob.truncated() ? failure(blob.truncatedError()) : END);
          return;
        }
      }
    } catch (IOException e) {
      put(failure(e));
    } catch (RuntimeException e) {
      put(failure(new IOException(blob.describe() + ": " + e, e)));
    }
  }

  private static Chunk failure(IOException e) {
    return new Chunk(null, 0, null, null, 0, e);
  }

  private void put(Chunk chunk) {
    try {
      while (!cancelled && !queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
        // waiting for the decompressor; re-check cancellation
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Moves to the next chunk; false at the end of the payload. */
  private boolean advance() throws IOException {
    if (current != null && current.data() != null) {
      lastLine = current.lines()[current.ranges() - 1];
    }
    if (current != null && current.data() == null) {
      return false; // already at the end (or failed)
    }
    Chunk next;
    try {
      next = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while reading " + blob.describe());
    }
    current = next.error() != null ? END : next;
    pos = 0;
    buf = current.data();
    limit = current.length();
    if (next.error() != null) {
      throw next.error();
    }
    return !next.isEnd();
  }

  // The LZMA range decoder calls read() once per compressed byte: keep that path a few
  // instructions on plain fields.
  @Override
  public int read() throws IOException {
    if (pos < limit) {
      return buf[pos++] & 0xff;
    }
    return advance() ? buf[pos++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos == limit && !advance()) {
      return -1;
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    return n;
  }

  /** The log line of the last byte handed out (the start marker's line before any). */
  long currentLine() {
    return current == null || current.data() == null || pos == 0 ? lastLine : lineAt(pos - 1);
  }

  private long lineAt(int offset) {
    int[] ends = current.ends();
    int lo = 0;
    int hi = current.ranges() - 1;
    while (lo < hi) { // the first range whose end lies beyond offset
      int mid = (lo + hi) >>> 1;
      if (ends[mid] > offset) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return current.lines()[lo];
  }

  /**
   * Called when the decompressor reached its end marker: the payload must end here too (blank
   * lines and the end marker may follow, more data may not).
   */
  void finish() throws IOException {
    boolean unread = pos < limit;
    if (unread || advance()) {
      throw blob.error(lineAt(pos), "more data after the end of the LZMA stream");
    }
  }

  /** Stops the reader thread; afterwards the blob may be used again on this thread. */
  @Override
  public void close() {
    cancelled = true;
    queue.clear();
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.clear();
  }
}
