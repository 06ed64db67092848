package dev.dindcluster.cli;

import dev.dindcluster.e2e.E2eRunner;
import dev.dindcluster.e2e.E2eSuite;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code e2e} and {@code e2e-serial} share: the positional focus/skip and where things are. */
final class E2eOptions {
  @Parameters(index = "0", arity = "0..1", paramLabel = "FOCUS",
      description = "Go regular expression selecting the specs to run (ginkgo focus); default: see above.")
  String focus;

  @Parameters(index = "1", arity = "0..1", paramLabel = "SKIP",
      description = "Go regular expression of specs to leave out (ginkgo skip); '' skips nothing.")
  String skip;

  /** Used when neither --report-dir nor E2E_REPORT_DIR says where. */
  static final String DEFAULT_REPORT_DIR = "e2e-report";

  @Option(names = "--report-dir", paramLabel = "DIR",
      description = "Where the JUnit XML, e2e.log and summary.txt go (default: $E2E_REPORT_DIR, else ./" + DEFAULT_REPORT_DIR + ").")
  Path reportDir;

  @Option(names = "--binaries", paramLabel = "DIR",
      description = "Directory with e2e.test, ginkgo and kubectl (default: $DIND_E2E_BINARIES, else the newest build "
          + "of scripts/build-k8s-binaries --with-e2e in the cache).")
  Path binaries;

  @Option(names = "--images", paramLabel = "DIR",
      description = "Directory written by scripts/build-e2e-images (default: $DIND_E2E_IMAGES, else its latest build).")
  Path images;

  @Option(names = "--preload", paramLabel = "REGEX",
      description = "Copy into the nodes only the test images whose name matches REGEX (e.g. 'agnhost|dnsutils'); default:"
          + " all of them. For a focused run: copying images is most of a short run's time, and a spec whose image was"
          + " left out fails (nothing is pulled).")
  String preload;

  @Option(names = "--parallel", paramLabel = "N",
      description = "Ginkgo processes running specs at once, 1 to " + E2eRunner.MAX_PROCESSES + " (default: the suite's, "
          + E2eSuite.PARALLEL_PROCESSES + " for e2e, 1 when DIND_NO_PARALLEL_E2E is set; e2e-serial always runs one). Most of a spec's time is waiting on"
          + " pods, so more processes than cores can pay off.")
  Integer parallel;

  @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "300",
      description = "How long to wait for the cluster to be ready for tests (default: ${DEFAULT-VALUE}).")
  int readyTimeoutSeconds;
}
