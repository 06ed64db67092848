package dev.dindcluster.plan;

/**
 * Where a missing node image's parts come from (DIND_RELEASE_URL, DIND_REGISTRY) and where
 * downloads are cached (DIND_CACHE_DIR). Validated by the planner; no trailing slashes.
 *
 * @param url upstream's layout: {@code <url>/<version>/kubernetes-server-linux-amd64.tar.gz}
 * @param registry host[:port][/path] holding etcd, pause and the DNS add-on under upstream's names
 * @param readTimeoutSeconds how long a download may wait for its next bytes (DIND_DOWNLOAD_TIMEOUT)
 * @param acceptUnverified a release that publishes no checksum is used unchecked instead of refused
 *     (DIND_UNVERIFIED_RELEASE=accept)
 */
public record ReleaseSource(String url, String registry, String cacheDir, int readTimeoutSeconds, boolean acceptUnverified) {
  public static final String DEFAULT_URL = "https://dl.k8s.io";
  public static final String DEFAULT_REGISTRY = "registry.k8s.io";
  /** The cache scripts/ and the library share. */
  public static final String DEFAULT_CACHE_DIR = "/var/cache/dind-cluster";
  public static final String SERVER_TARBALL = "kubernetes-server-linux-amd64.tar.gz";

  /** The server tarball's address for a version. */
  public String tarballUrl(String version) {
    return url + "/" + version + "/" + SERVER_TARBALL;
  }
}
