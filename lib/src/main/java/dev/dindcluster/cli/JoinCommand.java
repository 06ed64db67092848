package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.ClusterLifecycle;
import dev.dindcluster.lifecycle.ClusterQueries;
import dev.dindcluster.lifecycle.ClusterStateException;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.NodePlan;
import dev.dindcluster.plan.Planner;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code join [kubeadm args]}: one more worker. As in the original, its index is the number of
 * running nodes (the master counts), so with a master and 2 workers the new one is kube-node-3.
 */
@Command(name = "join", description = {
    "Start one more worker and join it, passing extra arguments to kubeadm join (after '--').",
    "The new worker is kube-node-<number of running nodes>."})
final class JoinCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;
  @Mixin LifecycleOptions options;

  @Parameters(paramLabel = "KUBEADM_ARG", description = "Extra arguments for kubeadm join.")
  List<String> kubeadmArgs = new ArrayList<>();

  @Override
  public Integer call() {
    CliContext context = top.context();
    ClusterPlan plan = ClusterRun.plan(context, config);
    int running;
    try (NodeRuntime runtime = context.adapters().runtime()) {
      ClusterQueries.apiServerPort(plan, runtime); // the master must be running
      running = ClusterQueries.runningNodes(plan, runtime).size();
    }
    var settings = new LinkedHashMap<>(config.settings(context));
    settings.put("NUM_NODES", Integer.toString(running));
    // Same id as the running cluster's, even when it was picked at random.
    ClusterPlan grown = Planner.plan(settings, context.release(), plan::clusterId);
    NodePlan newNode = grown.nodes().get(grown.nodes().size() - 1);
    if (!newNode.name().equals(grown.naming().workerName(running))) {
      throw new ClusterStateException("cannot work out the next worker's name (have " + newNode.name() + ")");
    }
    ClusterRun.run(context, grown, options, s -> ClusterLifecycle.join(s.plan(), newNode, kubeadmArgs));
    context.out().println(newNode.name() + " joined");
    return ExitCode.OK.code;
  }
}
