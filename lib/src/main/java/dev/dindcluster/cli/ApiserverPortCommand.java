package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.ClusterQueries;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code apiserver-port}: the host port of the API server, on stdout. */
@Command(header = "Print the host port the API server is published on (loopback, TLS).",
    name = "apiserver-port", description = {
    "Print the host port the API server is published on (loopback, TLS).",
    "Exits 3 when the cluster is not running."})
final class ApiserverPortCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;

  @Override
  public Integer call() {
    CliContext context = config.context(top.context());
    ClusterPlan plan = ClusterRun.plan(context, config);
    try (NodeRuntime runtime = context.adapters().runtime()) {
      context.out().println(ClusterQueries.apiServerPort(plan, runtime));
    }
    return ExitCode.OK.code;
  }
}
