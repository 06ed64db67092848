package dev.dindcluster.dump;

import java.io.IOException;

/**
 * Something that can produce a dump's sections: the live-cluster collector (from the lifecycle)
 * or a saved plain dump ({@link PlainDumpFileSource}). It writes each section through the given
 * writer, which takes care of markers, line ends and redaction.
 */
public interface DumpSource {
  void writeTo(SectionWriter out) throws IOException;
}
