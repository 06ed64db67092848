package dev.dindcluster.e2e;

import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.kube.KubeconfigEntry;
import dev.dindcluster.kube.KubeconfigStore;
import dev.dindcluster.lifecycle.ApiAccess;
import dev.dindcluster.lifecycle.ClusterQueries;
import dev.dindcluster.lifecycle.ClusterStateException;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.progress.Progress;
import dev.dindcluster.runtime.ContainerInfo;
import dev.dindcluster.runtime.NodeRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code e2e} and {@code e2e-serial}: Kubernetes' own conformance specs against a running
 * cluster. Finds the programs and test images, waits until the cluster is ready for tests, makes
 * sure every node has the test images, runs ginkgo, and reads the JUnit reports back into a summary.
 */
public final class E2eRunner {
  /** What the command line chose. {@code binaries} and {@code images} may be null (then looked up). */
  public record Request(E2eSuite suite, SpecFilter filter, Path reportDir, Path binaries, Path images, Duration readyTimeout,
      ImageSelection preload, Integer processes) {
    public Request(E2eSuite suite, SpecFilter filter, Path reportDir, Path binaries, Path images, Duration readyTimeout) {
      this(suite, filter, reportDir, binaries, images, readyTimeout, ImageSelection.ALL, null);
    }
  }

  /** More ginkgo processes than this only add API server load on a machine that runs the whole cluster. */
  public static final int MAX_PROCESSES = 16;

  /**
   * Checks a requested number of ginkgo processes (null: the suite's default).
   *
   * @throws IllegalArgumentException naming the value and what is allowed
   */
  public static Integer requireProcesses(E2eSuite suite, Integer requested) {
    if (requested == null) {
      return null;
    }
    if (requested < 1 || requested > MAX_PROCESSES) {
      throw new IllegalArgumentException("--parallel '" + requested + "' must be a number of ginkgo processes from 1 to "
          + MAX_PROCESSES);
    }
    if (suite.ginkgoNodes() == 1 && requested != 1) {
      throw new IllegalArgumentException("--parallel '" + requested + "': " + suite.command()
          + " runs its specs one at a time (they are serial or disruptive); only 1 is allowed");
    }
    return requested;
  }

  /** The outcome: exit code 0 only when specs ran and none failed. */
  public record Result(int exitCode, String summary, Path reportDir) {}

  private final ClusterPlan plan;
  private final NodeRuntime runtime;
  private final KubeconfigStore kubeconfigs;
  private final Function<KubeconfigEntry, KubeApi> kubeApis;
  private final Progress progress;
  private final PrintStream log;

  public E2eRunner(ClusterPlan plan, NodeRuntime runtime, KubeconfigStore kubeconfigs,
      Function<KubeconfigEntry, KubeApi> kubeApis, Progress progress, PrintStream log) {
    this.plan = plan;
    this.runtime = runtime;
    this.kubeconfigs = kubeconfigs;
    this.kubeApis = kubeApis;
    this.progress = progress;
    this.log = log;
  }

  public Result run(Request request, java.util.Map<String, String> env) {
    E2eTools tools = E2eTools.locate(request.binaries(), env);
    TestImages images = TestImages.locate(request.images(), env);
    List<String> preload = request.preload().select(images.images());
    List<ContainerInfo> nodes = ClusterQueries.runningNodes(plan, runtime);
    if (nodes.size() < plan.nodes().size()) {
      throw new ClusterStateException("cluster '" + plan.label() + "' has " + nodes.size() + " of " + plan.nodes().size()
          + " nodes running: run 'up' first");
    }
    try (var api = ApiAccess.connect(plan, runtime, kubeconfigs, kubeApis)) {
      if (!api.isAvailable()) {
        throw new ClusterStateException("cluster '" + plan.label() + "' has no API server answering: " + api.unavailableReason());
      }
      try (Progress.Step step = progress.step("Waiting until the cluster is ready for tests")) {
        ClusterReadiness.real().await(api.api(), plan.nodes().size(), request.readyTimeout());
      }
    }
    ImagePreload.ensure(plan, runtime, progress, nodes, preload);

    Path reportDir = request.reportDir().toAbsolutePath();
    prepareReportDir(reportDir);
    Path tmp = null;
    Thread removeOnExit = null;
    try {
      tmp = Files.createTempDirectory("dind-e2e");
      // The directory holds an admin kubeconfig: Ctrl-C (a shutdown, not the finally below) must remove it too.
      final Path created = tmp;
      removeOnExit = new Thread(() -> deleteTree(created), "dind-e2e-kubeconfig-cleanup");
      Runtime.getRuntime().addShutdownHook(removeOnExit);
      TestKubeconfig.Written kubeconfig = TestKubeconfig.write(plan, runtime, tmp);
      progress.detail("e2e.test talks to " + kubeconfig.server());
      int processes = request.processes() != null ? request.processes() : processes(request.suite(), env);
      var invocation = GinkgoRun.invocation(processes, request.filter(), tools, images, kubeconfig.file(), reportDir);
      long start = System.nanoTime();
      int exit;
      try (Progress.Step step = progress.step("Running " + request.suite().command() + " (ginkgo, "
          + processes + (processes == 1 ? " process)" : " processes)"))) {
        exit = GinkgoRun.run(invocation, log, reportDir.resolve("e2e.log"));
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      JUnitReport report = JUnitReport.read(reportDir);
      String summary = E2eSummary.text(request.suite(), request.filter(), report, wall, exit);
      String verdict = verdict(report, exit);
      summary += verdict.isEmpty() ? "" : verdict + "\n";
      Files.writeString(reportDir.resolve("summary.txt"), summary);
      return new Result(verdict.isEmpty() ? 0 : 1, summary, reportDir);
    } catch (IOException e) {
      throw new UncheckedIOException("e2e: " + e.getMessage(), e);
    } finally {
      deleteTree(tmp);
      if (removeOnExit != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(removeOnExit);
        } catch (IllegalStateException shuttingDown) {
          // the hook runs anyway; the tree is gone already
        }
      }
    }
  }

  /** Ginkgo processes: the suite's, or one when DIND_NO_PARALLEL_E2E is set (as in the original). */
  static int processes(E2eSuite suite, java.util.Map<String, String> env) {
    return env.getOrDefault("DIND_NO_PARALLEL_E2E", "").isEmpty() ? suite.ginkgoNodes() : 1;
  }

  /** Why the run counts as failed, or "" when it passed. */
  static String verdict(JUnitReport report, int ginkgoExit) {
    long failed = report.count(JUnitReport.Outcome.FAILED);
    if (failed > 0) {
      return "FAILED: " + failed + " spec" + (failed == 1 ? "" : "s") + " failed";
    }
    if (report.files().isEmpty()) {
      return "FAILED: e2e.test wrote no JUnit report (ginkgo exit code " + ginkgoExit + "; see e2e.log)";
    }
    if (ginkgoExit != 0) {
      return "FAILED: ginkgo exited with " + ginkgoExit + " although no spec failed (suite setup failed? see e2e.log)";
    }
    if (report.count(JUnitReport.Outcome.PASSED) == 0) {
      return "FAILED: no spec ran: the focus matched nothing that the skip let through";
    }
    return "";
  }

  /** Results of an earlier run would mix into the summary: remove them (and nothing else). */
  static void prepareReportDir(Path dir) {
    try {
      Files.createDirectories(dir);
      for (Path old : JUnitReport.junitFiles(dir)) {
        Files.delete(old);
      }
      Files.deleteIfExists(dir.resolve("summary.txt"));
      Files.deleteIfExists(dir.resolve("e2e.log"));
    } catch (IOException e) {
      throw new IllegalArgumentException("report directory '" + dir + "' cannot be prepared: " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is not worth failing the run
    }
  }
}
