package dev.dindcluster.dump;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** {@code split-dump}: a plain dump (or a log holding one) into one file per section. */
public final class PlainSplitter {
  private PlainSplitter() {}

  public static SplitReport split(InputStream in, Path outDir) throws IOException {
    SafeSplitter splitter = new SafeSplitter(outDir, "");
    try {
      PlainDumpParser.parse(in, splitter);
    } catch (IOException e) {
      splitter.abort();
      throw e;
    }
    return new SplitReport(splitter.written(), splitter.refused());
  }
}
