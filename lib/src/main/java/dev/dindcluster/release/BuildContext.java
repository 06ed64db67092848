package dev.dindcluster.release;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** A docker build context as a tar: a Dockerfile adding {@code rootfs/} on top of a base image. */
final class BuildContext {
  private BuildContext() {}

  static void write(Path target, String baseImage, Map<String, String> labels, Path rootfs) throws IOException {
    StringBuilder dockerfile = new StringBuilder("FROM ").append(baseImage).append("\nCOPY rootfs/ /\n");
    labels.forEach((k, v) -> dockerfile.append("LABEL ").append(k).append("=\"").append(v.replace("\"", "")).append("\"\n"));
    try (OutputStream file = Files.newOutputStream(target);
         TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      byte[] bytes = dockerfile.toString().getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry entry = new TarArchiveEntry("Dockerfile");
      entry.setSize(bytes.length);
      tar.putArchiveEntry(entry);
      tar.write(bytes);
      tar.closeArchiveEntry();
      try (Stream<Path> files = Files.walk(rootfs)) {
        for (Path path : (Iterable<Path>) files.sorted()::iterator) {
          String name = "rootfs/" + rootfs.relativize(path).toString().replace('\\', '/');
          if (Files.isDirectory(path)) {
            TarArchiveEntry dir = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
            dir.setMode(0755);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            continue;
          }
          TarArchiveEntry fileEntry = new TarArchiveEntry(name);
          fileEntry.setSize(Files.size(path));
          fileEntry.setMode(Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_EXECUTE) ? 0755 : 0644);
          tar.putArchiveEntry(fileEntry);
          Files.copy(path, tar);
          tar.closeArchiveEntry();
        }
      }
    }
  }
}
