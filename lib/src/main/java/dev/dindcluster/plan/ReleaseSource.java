package dev.dindcluster.plan;

/**
 * Where a missing node image comes from: pulled whole from a registry of prebuilt node images
 * (DIND_NODE_IMAGE_REGISTRY, or DIND_IMAGE naming a registry host), else built from its parts
 * (DIND_RELEASE_URL, DIND_REGISTRY); and where downloads are cached (DIND_CACHE_DIR). Validated by
 * the planner; no trailing slashes.
 *
 * @param url upstream's layout: {@code <url>/<version>/kubernetes-server-linux-amd64.tar.gz}
 * @param registry host[:port][/path] holding etcd, pause and the DNS add-on under upstream's names
 * @param readTimeoutSeconds how long a download may wait for its next bytes (DIND_DOWNLOAD_TIMEOUT)
 * @param acceptUnverified a release that publishes no checksum is used unchecked instead of refused
 *     (DIND_UNVERIFIED_RELEASE=accept)
 * @param nodeImageRegistry host[:port][/path] holding prebuilt node images under their own names, or
 *     null (DIND_NODE_IMAGE_REGISTRY)
 */
public record ReleaseSource(String url, String registry, String cacheDir, int readTimeoutSeconds, boolean acceptUnverified,
    String nodeImageRegistry) {
  public static final String DEFAULT_URL = "https://dl.k8s.io";
  public static final String DEFAULT_REGISTRY = "registry.k8s.io";
  /** The cache scripts/ and the library share. */
  public static final String DEFAULT_CACHE_DIR = "/var/cache/dind-cluster";
  public static final String SERVER_TARBALL = "kubernetes-server-linux-amd64.tar.gz";

  /** The server tarball's address for a version. */
  public String tarballUrl(String version) {
    return url + "/" + version + "/" + SERVER_TARBALL;
  }

  /**
   * Where a missing node image is pulled from: {@code <DIND_NODE_IMAGE_REGISTRY>/<image>}, or the
   * image itself when its name starts with a registry host; empty when it is built instead.
   */
  public java.util.Optional<String> nodeImagePull(String image) {
    if (nodeImageRegistry != null) {
      return java.util.Optional.of(nodeImageRegistry + "/" + image);
    }
    return namesRegistryHost(image) ? java.util.Optional.of(image) : java.util.Optional.empty();
  }

  /** Docker's rule: the first path component is a registry host when it has a dot or a port, or is localhost. */
  public static boolean namesRegistryHost(String image) {
    int slash = image.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String first = image.substring(0, slash);
    return first.contains(".") || first.contains(":") || first.equals("localhost");
  }

  /** A registry name as DIND_REGISTRY and DIND_NODE_IMAGE_REGISTRY take it: host[:port][/path]. */
  public static boolean isRegistry(String value) {
    return REGISTRY.matcher(value).matches();
  }

  private static final java.util.regex.Pattern REGISTRY = java.util.regex.Pattern.compile("[A-Za-z0-9.-]+(?::\\d{1,5})?(/[a-z0-9._/-]+)?");
}
