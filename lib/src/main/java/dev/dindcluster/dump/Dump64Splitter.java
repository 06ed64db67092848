package dev.dindcluster.dump;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.tukaani.xz.XZIOException;

/**
 * {@code split-dump64}: finds every dump64 blob in a log and splits it, streaming in one pass.
 * One blob goes straight into the output directory; with several, blob k goes into
 * {@code <out>/k/} (blob 1 moves there when a second one shows up). {@code pick} selects one blob,
 * which then goes into the output directory. A cut-off or damaged blob is reported with its line,
 * keeps its complete sections, loses the one in progress, and does not stop later blobs.
 */
public final class Dump64Splitter {
  private final Path outDir;
  private final Integer pick;
  private final PrintStream progress;

  /** {@code pick}: 1-based blob number, or null for all. {@code progress}: stderr. */
  public Dump64Splitter(Path outDir, Integer pick, PrintStream progress) {
    if (pick != null && pick < 1) {
      throw new IllegalArgumentException("invalid blob number " + pick + ": blobs are numbered from 1");
    }
    this.outDir = outDir.toAbsolutePath().normalize();
    this.pick = pick;
    this.progress = progress;
  }

  public SplitReport split(InputStream in) throws IOException {
    LogScanner scanner = new LogScanner(in);
    List<WrittenFile> files = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    BlobStream blob;
    while ((blob = scanner.nextBlob()) != null) {
      if (pick != null && blob.index() != pick) {
        blob.skip();
        continue;
      }
      Path dir = outDir;
      if (pick == null && blob.index() > 1) {
        if (blob.index() == 2) {
          files = relocateFirstBlob(files);
        }
        dir = outDir.resolve(Integer.toString(blob.index()));
        if (Files.isSymbolicLink(dir)) {
          // A link planted where blob N goes would send its files anywhere: never write through it.
          problems.add(blob.describe() + ": not written: " + dir + " is a symbolic link (remove it and split again)");
          blob.skip();
          continue;
        }
      }
      SafeSplitter splitter = new SafeSplitter(dir, blob.describe() + ", dump ");
      String failure = splitBlob(blob, splitter);
      if (failure != null) {
        problems.add(failure);
      }
      problems.addAll(splitter.refused());
      files.addAll(splitter.written());
      progress.println(blob.describe() + ": " + splitter.written().size() + " file(s) in " + dir
          + (failure == null ? "" : " (damaged, see below)"));
    }
    int found = scanner.blobsFound();
    if (found == 0) {
      problems.add("no dump64 blob found: no line ends with " + DumpFormat.START_BASE64
          + " in " + scanner.lineNumber() + " line(s) of input");
    } else if (pick != null && pick > found) {
      problems.add("--blob " + pick + ": the input holds only " + found + " blob(s)");
    }
    return new SplitReport(files, problems);
  }

  /** Decodes one blob into the splitter; returns a problem message or null. */
  private static String splitBlob(BlobStream blob, SafeSplitter splitter) throws IOException {
    String problem = null;
    PrefetchedPayload payload = new PrefetchedPayload(blob);
    try {
      InputStream plain = new EndCheckedStream(LzmaCodec.decompress(payload), payload);
      PlainDumpParser.parse(plain, splitter);
    } catch (DumpFormatException e) {
      problem = e.getMessage();
    } catch (XZIOException | EOFException e) {
      // The decoder's own errors; the line is where its input had got to.
      String why = e.getMessage() != null ? e.getMessage()
          : e instanceof EOFException ? "it ends early: the blob is cut off" : e.getClass().getSimpleName();
      problem = blob.error(payload.currentLine(), "damaged LZMA stream (" + why + ")").getMessage();
    } finally {
      payload.close(); // the reader thread is done with the log after this
    }
    return problem == null ? null : failed(blob, splitter, problem);
  }

  private static String failed(BlobStream blob, SafeSplitter splitter, String message)
      throws IOException {
    String lost = splitter.inProgress();
    splitter.abort();
    blob.skip();
    return message + (lost == null ? "" : "; section " + SectionNames.quote(lost)
        + " was incomplete and was not written");
  }

  /** Moves blob 1's files from the output directory into {@code <out>/1/}. */
  private List<WrittenFile> relocateFirstBlob(List<WrittenFile> files) throws IOException {
    Path target = outDir.resolve("1");
    Files.createDirectories(outDir);
    Path staging = Files.createTempDirectory(outDir, ".blob-1-");
    List<WrittenFile> moved = new ArrayList<>();
    for (WrittenFile file : files) {
      Files.move(file.path(), staging.resolve(file.path().getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } else if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      for (WrittenFile file : files) {
        Path name = file.path().getFileName();
        Files.move(staging.resolve(name), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
      Files.delete(staging);
    } else {
      throw new IOException("cannot put blob 1 into " + target + ": it exists and is not a directory"
          + " (its files are kept in " + staging + ")");
    }
    for (WrittenFile file : files) {
      moved.add(new WrittenFile(target.resolve(file.path().getFileName()), file.size()));
    }
    progress.println("several blobs: blob 1 moved into " + target);
    return moved;
  }

  /** Checks the blob's end marker as soon as the decompressor reports its end. */
  private static final class EndCheckedStream extends InputStream {
    private static final int SALVAGE_CHUNK = 4096;
    private final InputStream in;
    private final PrefetchedPayload blob;

    EndCheckedStream(InputStream in, PrefetchedPayload blob) {
      this.in = in;
      this.blob = blob;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b < 0) {
        blob.finish();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      // The decoder fills the whole request before returning and loses it all when it fails:
      // small requests keep the sections completed before a cut or damage.
      int n = in.read(b, off, Math.min(len, SALVAGE_CHUNK));
      if (n < 0) {
        blob.finish();
      }
      return n;
    }
  }
}
