package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.ClusterLifecycle;
import dev.dindcluster.lifecycle.ClusterSession;
import dev.dindcluster.plan.ClusterPlan;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code up}: full bring-up, or restore from the snapshot on the node volumes when present. */
@Command(
    name = "up",
    description = {
      "Bring up the cluster: 1 master + NUM_NODES workers with kubeadm, then wait until every node is Ready.",
      "When the node volumes of an earlier 'up' exist it restores from them instead (fast), like the original."
    })
final class UpCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;
  @Mixin LifecycleOptions options;

  @Override
  public Integer call() {
    return up(config.context(top.context()), config, options);
  }

  static int up(CliContext context, ConfigOptions config, LifecycleOptions options) {
    ClusterPlan plan = ClusterRun.plan(context, config);
    long start = System.nanoTime();
    ClusterSession session = ClusterRun.run(context, plan, options, ClusterLifecycle::up);
    ClusterSummary.print(context.out(), plan, session, (System.nanoTime() - start) / 1_000_000);
    return ExitCode.OK.code;
  }
}
