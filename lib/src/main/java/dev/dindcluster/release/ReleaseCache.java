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
import java.util.Optional;

/**
 * Release tarballs cached by content under {@code <DIND_CACHE_DIR>/releases/<algorithm>-<hex>},
 * checked against the strongest checksum published beside them ({@link PublishedChecksum}). An
 * entry exists only once its bytes matched: downloads go to a hidden partial file that is moved
 * into place after the check, or deleted; a cache hit is hashed again before it is used. A release
 * with no published checksum is refused unless the caller accepts unverified releases: then it is
 * downloaded every time, to an {@code unverified-} entry that is never taken as a hit. Builds of
 * the same cache wait for each other on a lock file.
 */
final class ReleaseCache {
  /** A tarball on disk and what it was checked against ({@code checksum} empty when unverified). */
  record Fetched(Path file, Optional<PublishedChecksum> checksum, String digest) {
    /** For the node image's label: {@code sha512:<hex>}, or {@code none}. */
    String label() {
      return checksum.map(c -> c.suffix + ":" + digest).orElse("none");
    }
  }

  private final Path dir;
  private final Download download;

  ReleaseCache(Path cacheDir, Download download) throws IOException {
    this.dir = Files.createDirectories(cacheDir.resolve("releases"));
    this.download = download;
  }

  Path dir() {
    return dir;
  }

  /**
   * The checked tarball: from the cache when it holds the expected digest's entry, else downloaded.
   * A pinned SHA-256 is expected instead of what the server publishes beside the tarball.
   */
  Fetched fetch(URI tarball, Optional<String> pinnedSha256, boolean acceptUnverified, Progress progress) throws IOException {
    if (pinnedSha256.isPresent()) {
      progress.detail("checked against the SHA-256 pinned from the release's notes (" + pinnedSha256.get() + "), not the server's files");
      return new Fetched(verified(tarball, PublishedChecksum.SHA256, pinnedSha256.get(), "the pinned digest", progress),
          Optional.of(PublishedChecksum.SHA256), pinnedSha256.get());
    }
    for (PublishedChecksum kind : PublishedChecksum.values()) {
      URI url = kind.beside(tarball);
      Optional<String> text = download.textIfPublished(url);
      if (text.isEmpty()) {
        continue;
      }
      String expected = kind.digestIn(text.get())
          .orElseThrow(() -> new IOException(url + " does not hold " + kind.describeDigest()));
      if (kind.weak) {
        progress.warn("only " + kind.algorithm + " is published for " + tarball + " (" + url + "): the download is checked"
            + " against it, but " + kind.algorithm + " is a weak hash that proves an intact file, not the right one");
      } else if (kind != PublishedChecksum.SHA256) {
        progress.detail("checked against " + url + " (this release publishes no .sha256)");
      }
      return new Fetched(verified(tarball, kind, expected, url.toString(), progress), Optional.of(kind), expected);
    }
    if (!acceptUnverified) {
      throw new IOException(tarball + " has no published checksum (no " + PublishedChecksum.suffixes() + " beside it): a release"
          + " that cannot be verified is refused; DIND_UNVERIFIED_RELEASE=accept uses it unchecked");
    }
    progress.warn("no checksum is published for " + tarball + " (" + PublishedChecksum.suffixes()
        + "); DIND_UNVERIFIED_RELEASE=accept: using it unchecked");
    return unverified(tarball, progress);
  }

  private Path verified(URI tarball, PublishedChecksum kind, String expected, String source, Progress progress) throws IOException {
    Path entry = dir.resolve(kind.suffix + "-" + expected);
    try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock lock = channel.lock()) {
      if (Files.isRegularFile(entry)) {
        // Hashed again: whoever can write the cache could have replaced the file since it was checked.
        if (Download.digest(entry, kind.algorithm).equals(expected)) {
          progress.detail("cached: " + entry);
          return entry;
        }
        progress.warn("the cached " + entry + " no longer matches its " + kind.algorithm + ": downloading it again");
        Files.delete(entry);
      }
      Path partial = dir.resolve(".partial-" + expected);
      String got = download.toFile(tarball, partial, kind.algorithm, (done, total) -> progress.transfer(fileName(tarball), done, total));
      if (!got.equals(expected)) {
        Files.deleteIfExists(partial);
        throw new IOException("checksum mismatch for " + tarball + ": " + source + " says " + expected + ", the download is "
            + got + " (a corrupt or different file); nothing was kept");
      }
      Files.move(partial, entry, StandardCopyOption.ATOMIC_MOVE);
      progress.detail("downloaded " + Files.size(entry) / 1_000_000 + " MB into " + entry);
      return entry;
    }
  }

  private Fetched unverified(URI tarball, Progress progress) throws IOException {
    Path partial = Files.createTempFile(dir, ".partial-unverified-", "");
    String sha256 = download.toFile(tarball, partial, PublishedChecksum.SHA256.algorithm,
        (done, total) -> progress.transfer(fileName(tarball), done, total));
    Path entry = dir.resolve("unverified-sha256-" + sha256);
    Files.move(partial, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new Fetched(entry, Optional.empty(), sha256);
  }

  private static String fileName(URI tarball) {
    return tarball.getPath().substring(tarball.getPath().lastIndexOf('/') + 1);
  }
}
