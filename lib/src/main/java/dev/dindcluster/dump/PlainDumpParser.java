package dev.dindcluster.dump;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a plain dump into sections, streaming, like the original's awk one-liner: text before
 * the first marker is dropped, each other line goes to the current section with a '\n' (also
 * the last one when the input lacks a final newline). Beyond the original: when the marker lines
 * end in CR (a dump saved with CRLF line ends), every content line loses its trailing CR too, so
 * the sections come out as they were collected.
 */
final class PlainDumpParser {
  private static final byte[] NEWLINE = {'\n'};

  private PlainDumpParser() {}

  /**
   * Parses the whole stream. The last section is ended only when the stream ends normally, so a
   * failing source (a damaged blob) never completes the section it was in.
   */
  static void parse(InputStream in, SectionSink sink) throws IOException {
    ByteLineReader lines = new ByteLineReader(in);
    boolean inSection = false;
    boolean crlf = false;
    boolean lineStart = true;
    while (lines.next()) {
      byte[] b = lines.buffer();
      int off = lines.start();
      int len = lines.length();
      if (lines.isWholeLine()) {
        boolean cr = len > 0 && b[off + len - 1] == '\r';
        String name = DumpFormat.markerName(b, off, len);
        if (name == null && cr) {
          name = DumpFormat.markerName(b, off, len - 1);
          if (name != null) {
            crlf = true;
          }
        }
        if (name != null) {
          if (inSection) {
            sink.endSection();
          }
          sink.startSection(name, lines.lineNumber());
          inSection = true;
          continue;
        }
      }
      boolean first = lineStart;
      lineStart = lines.endsLine();
      if (!inSection) {
        continue;
      }
      if (lines.endsLine() && crlf && len > 0 && b[off + len - 1] == '\r') {
        len--;
      }
      if (first) {
        // A content line the writer escaped so it could not pass for a marker: drop that space.
        int start = MarkerEscapingStream.unescapedStart(b, off, len);
        len -= start - off;
        off = start;
      }
      sink.content(b, off, len);
      if (lines.endsLine()) {
        sink.content(NEWLINE, 0, 1);
      }
    }
    if (inSection) {
      sink.endSection();
    }
  }
}
