package dev.dindcluster.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The test images made by {@code scripts/build-e2e-images}: the registry remapping file the e2e
 * framework reads ({@code KUBE_TEST_REPO_LIST}) and the local images it names. Looked for in
 * {@code --images DIR}, else {@code $DIND_E2E_IMAGES}, else the builder's {@code current} link in
 * the cache.
 */
public record TestImages(Path repoList, List<String> images) {
  static final String BUILD_HINT = "build them with: scripts/build-e2e-images";

  public TestImages {
    images = List.copyOf(images);
  }

  public static TestImages locate(Path explicitDir, Map<String, String> env) {
    if (explicitDir != null) {
      return in(explicitDir, "--images '" + explicitDir + "'", true);
    }
    String fromEnv = env.getOrDefault("DIND_E2E_IMAGES", "");
    if (!fromEnv.isEmpty()) {
      return in(Path.of(fromEnv), "DIND_E2E_IMAGES '" + fromEnv + "'", true);
    }
    Path current = CacheDir.of(env).resolve("e2e-images").resolve("current");
    return in(current, current.toString(), false);
  }

  private static TestImages in(Path dir, String source, boolean given) {
    Path repoList = dir.resolve("repo-list.yaml");
    Path list = dir.resolve("images.txt");
    if (!Files.isRegularFile(repoList) || !Files.isRegularFile(list)) {
      String what = source + " has no repo-list.yaml and images.txt";
      if (given) {
        throw new IllegalArgumentException(what + " (it must be a directory written by scripts/build-e2e-images)");
      }
      throw new E2eSetupException("no test images: " + what + "; " + BUILD_HINT);
    }
    try {
      List<String> images = Files.readAllLines(list).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
      if (images.isEmpty()) {
        throw new E2eSetupException(list + " names no images; " + BUILD_HINT);
      }
      return new TestImages(repoList.toAbsolutePath(), images);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + list, e);
    }
  }
}
