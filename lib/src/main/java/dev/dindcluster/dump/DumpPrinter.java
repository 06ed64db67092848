package dev.dindcluster.dump;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Prints a source as a plain dump ({@code dump}) or as a framed LZMA+base64 blob ({@code dump64}). */
public final class DumpPrinter {
  private DumpPrinter() {}

  /** The plain block on {@code out} (left open). */
  public static void plain(DumpSource source, OutputStream out, boolean redact) throws IOException {
    OutputStream buffered = new BufferedOutputStream(nonClosing(out), 1 << 16);
    source.writeTo(new SectionWriter(buffered, redact));
    buffered.flush();
  }

  /**
   * The blob on {@code out} (left open). The frame is completed even when the source fails half
   * way, so what was collected stays readable; the failure is rethrown afterwards.
   */
  public static void base64(DumpSource source, OutputStream out, boolean redact) throws IOException {
    OutputStream buffered = new BufferedOutputStream(nonClosing(out), 1 << 16);
    OutputStream framed = Base64Framing.open(buffered);
    OutputStream lzma = LzmaCodec.compress(new BufferedOutputStream(framed, 1 << 16));
    try {
      OutputStream text = new BufferedOutputStream(lzma, 1 << 16);
      try {
        source.writeTo(new SectionWriter(text, redact));
      } finally {
        text.flush();
      }
    } finally {
      lzma.close(); // end marker of the LZMA stream, then the frame's last line and end marker
      buffered.flush();
    }
  }

  private static OutputStream nonClosing(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }
}
