package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.ClusterLifecycle;
import dev.dindcluster.lifecycle.ClusterSession;
import dev.dindcluster.plan.ClusterPlan;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import dev.dindcluster.lifecycle.ClusterBake;
import dev.dindcluster.runtime.NodeRuntime;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code up}: full bring-up, or restore from the snapshot on the node volumes when present. */
@Command(
    header = "Bring up the cluster (or restore it from an earlier up's volumes) and wait until it is Ready.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  ${ROOT-COMMAND-NAME} up",
      "  NUM_NODES=4 DIND_ZONES=a,b ${ROOT-COMMAND-NAME} up",
      "  ${ROOT-COMMAND-NAME} up --cluster-id 20 --kubeconfig ./kubeconfig"},
    name = "up",
    description = {
    "Bring up the cluster: 1 master + NUM_NODES workers with kubeadm, then wait until every node is Ready.",
    "When the node volumes of an earlier 'up' exist it restores from them instead (fast), like " +
        "the original."})
final class UpCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;
  @Mixin LifecycleOptions options;
  @Mixin RetainOption retain;

  @Option(names = "--from", paramLabel = "NAME",
      description = "Start from the images 'bake --tag NAME' made (here, or saved and loaded from elsewhere) instead of "
          + "kubeadm or this host's volumes; the cluster must have no volumes yet.")
  String from;

  @Override
  public Integer call() {
    if (from != null) {
      return upFrom(config.context(top.context()), config, options, retain.retain(), from);
    }
    return up(config.context(top.context()), config, options, retain.retain());
  }

  /** {@code up --from NAME}: everything is checked before anything is created, then the baked volumes and a restore. */
  static int upFrom(CliContext context, ConfigOptions config, LifecycleOptions options, boolean retain, String name) {
    ClusterPlan plan = ClusterRun.plan(context, config);
    try (NodeRuntime runtime = context.adapters().runtime()) {
      ClusterBake.checkUnbake(plan, runtime, name);
    }
    long start = System.nanoTime();
    ClusterSession session = ClusterRun.run(context, plan, options, retain, s -> ClusterBake.unbake(s, name));
    ClusterSummary.print(context.out(), plan, session, (System.nanoTime() - start) / 1_000_000);
    return ExitCode.OK.code;
  }

  static int up(CliContext context, ConfigOptions config, LifecycleOptions options, boolean retain) {
    ClusterPlan plan = ClusterRun.plan(context, config);
    long start = System.nanoTime();
    ClusterSession session = ClusterRun.run(context, plan, options, retain, ClusterLifecycle::up);
    ClusterSummary.print(context.out(), plan, session, (System.nanoTime() - start) / 1_000_000);
    return ExitCode.OK.code;
  }
}
