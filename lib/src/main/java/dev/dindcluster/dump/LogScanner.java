package dev.dindcluster.dump;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds dump64 blobs in a log, one after another, in one pass. A start marker is a line that ends
 * with {@code %%% start-base64 %%%} once cleaned ({@link LogLines}); whatever stands before it on
 * that line (a timestamp, a step name, indentation) is the log's per-line prefix, learned there
 * and stripped from the blob's lines by {@link BlobStream}.
 */
final class LogScanner {
  private static final byte[] START_HINT = "start-base64".getBytes(StandardCharsets.US_ASCII);

  final ByteLineReader lines;
  final LogLines clean = new LogLines();
  private BlobStream pending;
  private int blobsFound;

  LogScanner(InputStream in) {
    this.lines = new ByteLineReader(in);
  }

  /** The next blob, positioned after its start marker; null when the log has no more. */
  BlobStream nextBlob() throws IOException {
    if (pending != null) {
      BlobStream blob = pending;
      pending = null;
      return blob;
    }
    while (lines.next()) {
      if (lines.isWholeLine()
          && LogLines.contains(lines.buffer(), lines.start(), lines.length(), START_HINT)) {
        byte[] prefix = startMarkerPrefix();
        if (prefix != null) {
          return new BlobStream(this, ++blobsFound, lines.lineNumber(), prefix);
        }
      }
    }
    return null;
  }

  /** If the current line is a start marker: the prefix before it (maybe empty), else null. */
  byte[] startMarkerPrefix() {
    clean.clean(lines.buffer(), lines.start(), lines.length());
    if (!clean.endsWith(DumpFormat.START_BYTES)) {
      return null;
    }
    return Arrays.copyOfRange(clean.bytes, clean.off, clean.off + clean.len - DumpFormat.START_BYTES.length);
  }

  /** A start marker met inside a blob that had data: it opens the next blob. */
  void startedAnother(long lineNumber, byte[] prefix) {
    pending = new BlobStream(this, ++blobsFound, lineNumber, prefix);
  }

  long lineNumber() {
    return lines.lineNumber();
  }

  int blobsFound() {
    return blobsFound;
  }
}
