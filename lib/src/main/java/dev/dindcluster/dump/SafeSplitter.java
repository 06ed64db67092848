package dev.dindcluster.dump;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes each section to a file in one directory, safely. A section is written to a temporary
 * file next to its target and moved into place only when complete, so an interrupted or damaged
 * input never leaves a half-written section looking like a good one. Unsafe names are refused
 * (reported, their content skipped) and nothing is ever written outside the directory. A name
 * repeated in one input keeps appending, as in the original: the new part goes to its own temporary
 * file and is appended to the earlier, complete file only once it is complete itself, so the work
 * is linear in the output and a damaged later part leaves the earlier one as it was. One split
 * writes at most {@link #MAX_OUTPUT} bytes: a small blob can expand enormously (LZMA of zeros), and
 * past that the split stops with an error naming the limit.
 */
final class SafeSplitter implements SectionSink {
  /** 2 GiB: far above any real cluster dump, far below what fills a CI runner's disk. */
  static final long MAX_OUTPUT = 2L << 30;

  private final Path dir;
  private final String origin;
  private final long maxOutput;
  private long totalOutput;
  private long bytesCopied;
  private final Map<String, WrittenFile> written = new LinkedHashMap<>();
  private final List<String> refused = new ArrayList<>();

  private String current;
  private Path temp;
  private OutputStream out;
  private long size;

  /** {@code origin} names the input in messages, e.g. "blob 2 (log line 40)". */
  SafeSplitter(Path dir, String origin) {
    this(dir, origin, MAX_OUTPUT);
  }

  SafeSplitter(Path dir, String origin, long maxOutput) {
    this.dir = dir.toAbsolutePath().normalize();
    this.origin = origin;
    this.maxOutput = maxOutput;
  }

  @Override
  public void startSection(String name, long lineNumber) throws IOException {
    Optional<String> problem = SectionNames.problem(name);
    if (problem.isEmpty() && !dir.resolve(name).normalize().getParent().equals(dir)) {
      problem = Optional.of("it does not stay inside the output directory");
    }
    if (problem.isPresent()) {
      refused.add(
          origin + "line " + lineNumber + ": section name " + SectionNames.quote(name)
              + " refused: " + problem.get() + "; allowed: " + SectionNames.ALLOWED);
      current = null;
      return;
    }
    current = name;
    size = 0;
    // The original opened files lazily: a section without content creates no file.
  }

  @Override
  public void content(byte[] b, int off, int len) throws IOException {
    if (current == null || len == 0) {
      return;
    }
    if (totalOutput + len > maxOutput) {
      throw new DumpFormatException(origin + "section " + SectionNames.quote(current) + ": the split would write more than "
          + (maxOutput >> 20) + " MB (a dump this large is more likely a decompression bomb than a cluster's state);"
          + " stopped, the sections completed before stay");
    }
    if (out == null) {
      open();
    }
    out.write(b, off, len);
    size += len;
    totalOutput += len;
  }

  private void open() throws IOException {
    Files.createDirectories(dir);
    temp = Files.createTempFile(dir, ".split-", ".part");
    out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
  }

  @Override
  public void endSection() throws IOException {
    if (out != null) {
      out.close();
      out = null;
      Path target = dir.resolve(current);
      WrittenFile earlier = written.get(current);
      if (earlier == null && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        // Someone's directory of that name: leave it alone and go on with the other sections.
        Files.delete(temp);
        temp = null;
        refused.add(origin + "section " + SectionNames.quote(current) + " not written: " + target
            + " is an existing directory");
        current = null;
        return;
      }
      if (earlier != null) {
        // Append the complete new part to the file this split wrote before (not a copy of it).
        try (OutputStream append = Files.newOutputStream(earlier.path(), StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)) {
          bytesCopied += Files.copy(temp, append);
        }
        Files.delete(temp);
        size += earlier.size();
      } else {
        // Replaces a symlink of that name itself, never the file it points to.
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      temp = null;
      written.put(current, new WrittenFile(target, size));
    }
    current = null;
  }

  /** Drops the section in progress (its input was cut or damaged); completed ones stay. */
  void abort() {
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException ignored) {
      // the temporary file is deleted below either way
    }
    out = null;
    try {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
    } catch (IOException ignored) {
      // nothing presented as good: the temp file has a hidden ".part" name
    }
    temp = null;
    current = null;
  }

  /** The section being written when the input failed, or null. */
  String inProgress() {
    return current;
  }

  /** Bytes moved between files after they were first written (appends): linear in the output. */
  long bytesCopied() {
    return bytesCopied;
  }

  List<WrittenFile> written() {
    return List.copyOf(written.values());
  }

  List<String> refused() {
    return List.copyOf(refused);
  }

  Path dir() {
    return dir;
  }
}
