package dev.dindcluster.runtime.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** The tar archives the engine's copy API speaks: we build them ourselves to keep modes and links. */
final class TarArchives {
  private TarArchives() {}

  /** Writes {@code source} (file or tree) as entries named from its base name. */
  static void writeTree(Path source, OutputStream out) throws IOException {
    try (TarArchiveOutputStream tar = newTar(out);
        Stream<Path> walk = Files.walk(source)) {
      Path base = source.toAbsolutePath().getParent();
      List<Path> paths = walk.sorted().collect(Collectors.toList());
      for (Path path : paths) {
        String name = base == null ? path.toString() : base.relativize(path.toAbsolutePath()).toString();
        addEntry(tar, path, name);
      }
      tar.finish();
    }
  }

  static void writeSingle(String name, byte[] content, int mode, OutputStream out) throws IOException {
    try (TarArchiveOutputStream tar = newTar(out)) {
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(content.length);
      entry.setMode(0100000 | mode);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
      tar.finish();
    }
  }

  /** The content of the first entry, which must be a regular file. */
  static byte[] readSingle(InputStream in, String what) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry = tar.getNextEntry();
      if (entry == null) {
        throw new IOException("empty archive");
      }
      if (!entry.isFile()) {
        throw new IOException(what + " is not a regular file");
      }
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      tar.transferTo(content);
      return content.toByteArray();
    }
  }

  private static TarArchiveOutputStream newTar(OutputStream out) {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    return tar;
  }

  private static void addEntry(TarArchiveOutputStream tar, Path path, String name) throws IOException {
    if (Files.isSymbolicLink(path)) {
      TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
      entry.setLinkName(Files.readSymbolicLink(path).toString());
      tar.putArchiveEntry(entry);
      tar.closeArchiveEntry();
      return;
    }
    TarArchiveEntry entry = new TarArchiveEntry(path, name, LinkOption.NOFOLLOW_LINKS);
    entry.setMode((entry.isDirectory() ? 040000 : 0100000) | mode(path));
    // Files in the node belong to root whoever runs us.
    entry.setIds(0, 0);
    entry.setNames("root", "root");
    tar.putArchiveEntry(entry);
    if (entry.isFile()) {
      Files.copy(path, tar);
    }
    tar.closeArchiveEntry();
  }

  private static int mode(Path path) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    int mode = 0;
    for (PosixFilePermission perm : perms) {
      mode |= 1 << (8 - perm.ordinal());
    }
    return mode;
  }
}
