package dev.dindcluster.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One ginkgo run of e2e.test as a child process. Its output goes to stderr as it comes (it is a
 * log, not the command's result) and into {@code e2e.log} in the report directory.
 */
public final class GinkgoRun {
  private GinkgoRun() {}

  /** What to run. {@code extraEnv} is added to this process's environment. */
  public record Invocation(List<String> command, Map<String, String> extraEnv, Path workDir) {
    public Invocation {
      command = List.copyOf(command);
      extraEnv = Map.copyOf(extraEnv);
    }
  }

  /** The command line: ginkgo's own flags, then e2e.test's after {@code --}. */
  public static Invocation invocation(E2eSuite suite, SpecFilter filter, E2eTools tools, TestImages images,
      Path kubeconfig, Path reportDir) {
    return invocation(suite.ginkgoNodes(), filter, tools, images, kubeconfig, reportDir);
  }

  /** As above with {@code nodes} ginkgo processes. */
  public static Invocation invocation(int nodes, SpecFilter filter, E2eTools tools, TestImages images,
      Path kubeconfig, Path reportDir) {
    List<String> cmd = new ArrayList<>(List.of(
        tools.ginkgo().toString(),
        "-nodes=" + nodes,
        "-noColor",
        "-slowSpecThreshold=60",
        tools.e2eTest().toString(),
        "--",
        "--provider=skeleton",
        "--kubeconfig=" + kubeconfig,
        "--kubectl-path=" + tools.kubectl(),
        "--disable-log-dump",
        "--report-dir=" + reportDir,
        "--ginkgo.noColor",
        "--ginkgo.focus=" + filter.focus()));
    if (!filter.skip().isEmpty()) {
      cmd.add("--ginkgo.skip=" + filter.skip());
    }
    Map<String, String> env = new HashMap<>();
    env.put("KUBE_TEST_REPO_LIST", images.repoList().toString());
    // Tests never reach a cloud; keep the framework from looking for credentials.
    env.put("KUBERNETES_PROVIDER", "skeleton");
    return new Invocation(cmd, env, reportDir);
  }

  /** Runs it to the end; returns ginkgo's exit code. */
  public static int run(Invocation invocation, PrintStream log, Path logFile) {
    ProcessBuilder builder = new ProcessBuilder(invocation.command())
        .directory(invocation.workDir().toFile())
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().putAll(invocation.extraEnv());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + invocation.command().get(0) + ": " + e.getMessage(), e);
    }
    // Interrupted (Ctrl-C): take ginkgo and the e2e.test processes down with us.
    Thread reaper = new Thread(() -> {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    });
    Runtime.getRuntime().addShutdownHook(reaper);
    try {
      process.getOutputStream().close();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
           Writer file = Files.newBufferedWriter(logFile)) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          log.println(line);
          file.write(line);
          file.write('\n');
        }
      }
      return process.waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException("reading ginkgo's output: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      throw new IllegalStateException("interrupted while e2e tests ran", e);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(reaper);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already
      }
    }
  }
}
