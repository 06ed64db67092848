package dev.dindcluster.release;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The parts of upstream's {@code kubernetes-server-linux-amd64.tar.gz} a node needs: kubeadm,
 * kubelet and kubectl from {@code kubernetes/server/bin}, and the control-plane image tars beside
 * them ({@code kube-apiserver.tar} ...), each a {@code docker save} archive.
 */
public final class ServerTarball {
  static final String BIN = "kubernetes/server/bin/";
  public static final List<String> BINARIES = List.of("kubeadm", "kubelet", "kubectl");
  private static final Pattern REPO_TAG = Pattern.compile("\"RepoTags\"\\s*:\\s*\\[\\s*\"([^\"]+)\"");

  private ServerTarball() {}

  /**
   * Extracts the binaries and {@code <image>.tar} for each image into {@code dir}; fails naming
   * what the tarball lacks.
   */
  public static void extract(Path tarball, List<String> images, Path dir) throws IOException {
    Set<String> wanted = new HashSet<>(BINARIES);
    images.forEach(image -> wanted.add(image + ".tar"));
    Set<String> found = new HashSet<>();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(tarball), 1 << 20);
         TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
        if (!e.isFile() || !name.startsWith(BIN) || !wanted.contains(name.substring(BIN.length()))) {
          continue;
        }
        String file = name.substring(BIN.length());
        Path out = dir.resolve(file);
        Files.copy(tar, out);
        if (BINARIES.contains(file)) {
          Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        found.add(file);
      }
    }
    wanted.removeAll(found);
    if (!wanted.isEmpty()) {
      throw new IOException(tarball.getFileName() + " has no " + String.join(", ", wanted.stream().sorted().toList())
          + " under " + BIN + " (is it upstream's kubernetes-server-linux-amd64.tar.gz?)");
    }
  }

  /** The first repository tag a {@code docker save} archive carries (its manifest.json). */
  public static Optional<String> repoTag(Path imageTar) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(imageTar));
         TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.getName().equals("manifest.json")) {
          Matcher m = REPO_TAG.matcher(new String(tar.readAllBytes(), StandardCharsets.UTF_8));
          return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
