package dev.dindcluster.cli;

import dev.dindcluster.kube.Sleeper;
import dev.dindcluster.lifecycle.ClusterWait;
import dev.dindcluster.lifecycle.ServiceWait;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.runtime.NodeRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code wait}: blocks until the cluster is usable, or the timeout passes (exit 4). */
@Command(header = "Wait until the cluster is usable; exit 4 when the timeout passes first.",
    footerHeading = "%nExamples:%n",
    footer = {"  ${ROOT-COMMAND-NAME} wait --timeout 120",
        "  ${ROOT-COMMAND-NAME} wait --url http://localhost:8080   # a baked cluster run as a CI service"},
    name = "wait", description = {
    "Wait until the cluster is usable: master running, API server ready, every node Ready, " +
        "cluster DNS Ready (what 'up' waits for). Changes nothing; for scripts that start 'up' " +
        "elsewhere. With --url, the same for a baked cluster run as a CI service, asked over its " +
        "HTTP endpoints (" + ServiceWait.READY_PATH + ").",
    "Exits 0 when ready, 4 when the timeout passed first (stderr says what was missing)."})
final class WaitCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
      description = "Give up after this many seconds (default ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--url", paramLabel = "URL",
      description = "Wait for a CI service instead of a local cluster: its endpoints' address, http://HOST:PORT.")
  String url;

  @Override
  public Integer call() {
    if (timeoutSeconds <= 0) {
      throw new IllegalArgumentException("--timeout '" + timeoutSeconds + "' must be a positive number of seconds");
    }
    CliContext context = config.context(top.context());
    if (url != null) {
      java.net.URI ready = ServiceWait.readyUri(url);
      try {
        Duration took = new ServiceWait(Clock.systemUTC(), Sleeper.REAL, Duration.ofSeconds(1))
            .await(ready, Duration.ofSeconds(timeoutSeconds));
        context.out().println("service " + url + " is ready (waited " + took.toSeconds() + " s)");
        return ExitCode.OK.code;
      } catch (ClusterWait.TimedOut e) {
        context.err().println("dind-cluster wait: " + e.getMessage());
        return ExitCode.TIMED_OUT.code;
      }
    }
    ClusterPlan plan = ClusterRun.plan(context, config);
    try (NodeRuntime runtime = context.adapters().runtime()) {
      Duration took = new ClusterWait(Clock.systemUTC(), Sleeper.REAL, Duration.ofSeconds(1))
          .await(plan, runtime, context.adapters().kubeconfigs(), context.adapters().kubeApis(), Duration.ofSeconds(timeoutSeconds));
      context.out().println("cluster " + plan.label() + " is ready (" + plan.nodes().size() + " nodes; waited "
          + took.toSeconds() + " s)");
      return ExitCode.OK.code;
    } catch (ClusterWait.TimedOut e) {
      context.err().println("dind-cluster wait: " + e.getMessage());
      return ExitCode.TIMED_OUT.code;
    }
  }
}
