package dev.dindcluster.e2e;

import java.nio.file.Path;
import java.util.Map;

/** The build cache the scripts under scripts/ fill: {@code ${DIND_CACHE_DIR:-/var/cache/dind-cluster}}. */
final class CacheDir {
  private CacheDir() {}

  static Path of(Map<String, String> env) {
    String dir = env.getOrDefault("DIND_CACHE_DIR", "");
    return Path.of(dir.isEmpty() ? dev.dindcluster.plan.ReleaseSource.DEFAULT_CACHE_DIR : dir);
  }
}
