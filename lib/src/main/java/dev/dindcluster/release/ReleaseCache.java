package dev.dindcluster.release;

import dev.dindcluster.progress.Progress;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Release tarballs cached by content under {@code <DIND_CACHE_DIR>/releases/sha256-<hex>}. An entry
 * exists only once its bytes matched the published checksum: downloads go to a hidden partial file
 * that is moved into place after the check, or deleted. Builds of the same cache wait for each
 * other on a lock file.
 */
final class ReleaseCache {
  private static final Pattern SHA256 = Pattern.compile("^\\s*([0-9a-fA-F]{64})(\\s|$)");

  private final Path dir;
  private final Download download;

  ReleaseCache(Path cacheDir, Download download) throws IOException {
    this.dir = Files.createDirectories(cacheDir.resolve("releases"));
    this.download = download;
  }

  Path dir() {
    return dir;
  }

  /** The verified tarball: from the cache when its published checksum is there, else downloaded. */
  Path fetch(URI tarball, URI checksum, Progress progress) throws IOException {
    String expected = expectedSha256(download.text(checksum), checksum);
    Path entry = dir.resolve("sha256-" + expected);
    if (Files.isRegularFile(entry)) {
      progress.detail("cached: " + entry);
      return entry;
    }
    try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock lock = channel.lock()) {
      if (Files.isRegularFile(entry)) {
        return entry; // another build fetched it meanwhile
      }
      Path partial = dir.resolve(".partial-" + expected);
      String name = tarball.getPath().substring(tarball.getPath().lastIndexOf('/') + 1);
      String got = download.toFile(tarball, partial, (done, total) -> progress.transfer(name, done, total));
      if (!got.equals(expected)) {
        Files.deleteIfExists(partial);
        throw new IOException("checksum mismatch for " + tarball + ": " + checksum + " says " + expected + ", the download is "
            + got + " (a corrupt or different file); nothing was kept");
      }
      Files.move(partial, entry, StandardCopyOption.ATOMIC_MOVE);
      progress.detail("downloaded " + Files.size(entry) / 1_000_000 + " MB into " + entry);
      return entry;
    }
  }

  /** Upstream's .sha256 files hold the bare hex digest; `sha256sum` output (digest, then the name) is accepted too. */
  static String expectedSha256(String text, URI from) throws IOException {
    Matcher m = SHA256.matcher(text);
    if (!m.find()) {
      throw new IOException(from + " does not hold a SHA-256 digest (64 hex digits)");
    }
    return m.group(1).toLowerCase(Locale.ROOT);
  }
}
