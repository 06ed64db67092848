package dev.dindcluster.dump;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A saved plain dump as a source: its sections in order (empty and repeated ones included), so
 * {@code dump --from-file} re-prints it and {@code dump64 --from-file} encodes it. Text before the
 * first marker is replaced by the standard header.
 */
public final class PlainDumpFileSource implements DumpSource {
  private final Path file;

  public PlainDumpFileSource(Path file) {
    this.file = file;
  }

  @Override
  public void writeTo(SectionWriter writer) throws IOException {
    writer.header();
    try (InputStream in = Files.newInputStream(file)) {
      PlainDumpParser.parse(in, new SectionSink() {
        private OutputStream current;

        @Override
        public void startSection(String name, long lineNumber) throws IOException {
          try {
            current = writer.section(name);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ", line " + lineNumber + ": " + e.getMessage(), e);
          }
        }

        @Override
        public void content(byte[] b, int off, int len) throws IOException {
          current.write(b, off, len);
        }

        @Override
        public void endSection() {
          // the writer ends a section when the next one starts
        }
      });
    }
    writer.finish();
  }
}
