package dev.dindcluster.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the plain dump format, streaming: the header line, then for each section its marker line
 * and content. Content goes through the {@link Redactor} unless it is off. Unlike the original,
 * a section whose content lacks a final newline gets one, so the next marker always starts a line
 * (the original then lost the marker inside the previous line), and a content line that could pass
 * for a marker gets one more leading space ({@link MarkerEscapingStream}): a pod whose log prints
 * {@code @@@ nodes.txt @@@} cannot forge a section, for our splitter or the original's.
 */
public final class SectionWriter {
  private final OutputStream out;
  private final boolean redact;
  private OutputStream section;

  public SectionWriter(OutputStream out, boolean redact) {
    this.out = out;
    this.redact = redact;
  }

  /** Writes the {@code *** Dumping cluster state ***} line. */
  public void header() throws IOException {
    out.write((DumpFormat.HEADER + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Ends the previous section, writes the marker for {@code name} and returns the stream for its
   * content, valid until the next call (closing it is allowed and does not close the dump).
   *
   * @throws IllegalArgumentException when the name is not a safe single word ({@link SectionNames})
   */
  public OutputStream section(String name) throws IOException {
    SectionNames.requireWritable(name);
    endSection();
    out.write((DumpFormat.marker(name) + "\n").getBytes(StandardCharsets.UTF_8));
    OutputStream content = new MarkerEscapingStream(new LineEndingStream(out));
    section = redact ? Redactor.filter(content) : content;
    return section;
  }

  /** Ends the last section; call once at the end (does not close the underlying stream). */
  public void finish() throws IOException {
    endSection();
    out.flush();
  }

  private void endSection() throws IOException {
    if (section != null) {
      section.close();
      section = null;
    }
  }

  /** Passes bytes through; on close adds '\n' if the content did not end with one. */
  private static final class LineEndingStream extends OutputStream {
    private final OutputStream out;
    private int last = '\n';
    private boolean closed;

    LineEndingStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      ensureOpen();
      out.write(b);
      last = b & 0xff;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ensureOpen();
      if (len > 0) {
        out.write(b, off, len);
        last = b[off + len - 1] & 0xff;
      }
    }

    private void ensureOpen() throws IOException {
      if (closed) {
        throw new IOException("section already ended");
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
        if (last != '\n') {
          out.write('\n');
        }
      }
    }
  }
}
