package dev.dindcluster.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The programs a conformance run needs, all from one directory: {@code e2e.test} and
 * {@code ginkgo} (built with {@code scripts/build-k8s-binaries --with-e2e}) and the
 * {@code kubectl} of the same build, which e2e.test runs for the kubectl specs.
 * Looked for in {@code --binaries DIR}, else {@code $DIND_E2E_BINARIES}, else the newest complete
 * build in the binaries cache ({@code ${DIND_CACHE_DIR:-/var/cache/dind-cluster}/k8s/bin-*}).
 */
public record E2eTools(Path e2eTest, Path ginkgo, Path kubectl) {
  static final List<String> NAMES = List.of("e2e.test", "ginkgo", "kubectl");
  static final String BUILD_HINT = "build them with: scripts/build-k8s-binaries --with-e2e";

  public static E2eTools locate(Path explicitDir, Map<String, String> env) {
    if (explicitDir != null) {
      return in(explicitDir, "--binaries '" + explicitDir + "'");
    }
    String fromEnv = env.getOrDefault("DIND_E2E_BINARIES", "");
    if (!fromEnv.isEmpty()) {
      return in(Path.of(fromEnv), "DIND_E2E_BINARIES '" + fromEnv + "'");
    }
    Path cache = CacheDir.of(env).resolve("k8s");
    return newestBuild(cache).map(dir -> in(dir, "build " + dir)).orElseThrow(() -> new E2eSetupException(
        "no e2e.test, ginkgo and kubectl found: pass --binaries DIR or set DIND_E2E_BINARIES, or "
            + BUILD_HINT + " (it caches them under " + cache + ")"));
  }

  private static E2eTools in(Path dir, String source) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(source + " is not a directory (it must hold " + String.join(", ", NAMES) + ")");
    }
    for (String name : NAMES) {
      if (!Files.isExecutable(dir.resolve(name))) {
        throw new IllegalArgumentException(source + " has no executable '" + name + "' (needed: "
            + String.join(", ", NAMES) + "; " + BUILD_HINT + ")");
      }
    }
    Path abs = dir.toAbsolutePath();
    return new E2eTools(abs.resolve("e2e.test"), abs.resolve("ginkgo"), abs.resolve("kubectl"));
  }

  /** The most recent {@code bin-*} directory that is complete and holds all three programs. */
  static Optional<Path> newestBuild(Path k8sCache) {
    if (!Files.isDirectory(k8sCache)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(k8sCache)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("bin-"))
          .filter(d -> Files.exists(d.resolve(".complete")))
          .filter(d -> NAMES.stream().allMatch(n -> Files.isExecutable(d.resolve(n))))
          .max(Comparator.comparing(E2eTools::modified));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + k8sCache, e);
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
