package dev.dindcluster.k8s;

import java.util.Map;
import java.util.Optional;

/**
 * SHA-256 digests of upstream's {@code kubernetes-server-linux-amd64.tar.gz}, as each release's notes
 * publish them (kubernetes/kubernetes {@code CHANGELOG/CHANGELOG-1.X.md}, "Server Binaries"; read
 * 2026-12-08). A pinned digest is checked instead of the checksum file beside the tarball, so the
 * digest does not come from the server that serves the tarball; releases of 2018 publish no
 * {@code .sha256} there at all. Versions not listed fall back to the published checksum files.
 */
public final class ReleaseDigests {
  private ReleaseDigests() {}

  private static final Map<String, String> SERVER_TARBALL_SHA256 = Map.of(
      "v1.8.15", "701395e2f6ba0f5b53bde43ccb32ae63e17617af1ece843326d0b1927358ad87",
      "v1.9.9", "11167f79e8778da1fd5c3ecd547eec24744f34b708da52d6be2eed832b7e3a7a",
      "v1.10.5", "27838c15e6ba3805d35d5321b0b58c4c481548406559c7b7407686c2492b5a51");

  /** The pinned SHA-256 of a version's server tarball, if the table has it. */
  public static Optional<String> serverTarballSha256(KubernetesVersion version) {
    return Optional.ofNullable(SERVER_TARBALL_SHA256.get(version.toString()));
  }
}
