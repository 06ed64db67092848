package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.ClusterStatus;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code status}: what exists of the cluster, what is wrong, and what {@code up} would do; changes nothing. */
@Command(header = "Show the cluster's containers, volumes and network, what is wrong, and what up would do.",
    footerHeading = "%nExamples:%n",
    footer = {"  ${ROOT-COMMAND-NAME} status -o json"},
    name = "status", description = {
    "Show the cluster's node containers, volumes, snapshot and network, name what is wrong, and " +
        "say what 'up' would do (restore or a full bring-up, and why). Changes nothing.",
    "Exits 0 when every node runs, 3 otherwise."})
final class StatusCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    CliContext context = config.context(top.context());
    ClusterPlan plan = ClusterRun.plan(context, config);
    ClusterStatus status;
    try (NodeRuntime runtime = context.adapters().runtime()) {
      status = ClusterStatus.read(plan, runtime);
    }
    output.print(context, status::render, status::tree);
    return status.running() ? ExitCode.OK.code : ExitCode.WRONG_STATE.code;
  }
}
