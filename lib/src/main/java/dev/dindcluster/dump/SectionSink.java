package dev.dindcluster.dump;

import java.io.IOException;

/** Receives the sections of a plain dump as they are parsed, in order. */
interface SectionSink {
  /** A marker line opened section {@code name} (first word of the marker, may be unsafe). */
  void startSection(String name, long lineNumber) throws IOException;

  /** Bytes of the current section's content, line ends included. */
  void content(byte[] b, int off, int len) throws IOException;

  /** The current section is complete: a next marker or a verified end of input followed it. */
  void endSection() throws IOException;
}
