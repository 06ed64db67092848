package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.ClusterLifecycle;
import dev.dindcluster.lifecycle.JoinPlan;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code join [kubeadm args]}: one more worker (see {@link JoinPlan} for its name). */
@Command(header = "Start one more worker and join it (extra kubeadm join arguments after '--').",
    footerHeading = "%nExamples:%n",
    footer = {"  ${ROOT-COMMAND-NAME} join"},
    name = "join", description = {
    "Start one more worker and join it, passing extra arguments to kubeadm join (after '--').",
    "The new worker is kube-node-<number of running nodes>."})
final class JoinCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;
  @Mixin LifecycleOptions options;
  @Mixin RetainOption retain;

  @Parameters(paramLabel = "KUBEADM_ARG", description = "Extra arguments for kubeadm join.")
  List<String> kubeadmArgs = new ArrayList<>();

  @Override
  public Integer call() {
    CliContext context = config.context(top.context());
    ClusterPlan plan = ClusterRun.plan(context, config);
    JoinPlan join;
    try (NodeRuntime runtime = context.adapters().runtime()) {
      join = JoinPlan.of(plan, config.settings(context), context.release(), runtime);
    }
    ClusterRun.run(context, join.grown(), options, retain.retain(), s -> ClusterLifecycle.join(s.plan(), join.newNode(), kubeadmArgs));
    context.out().println(join.newNode().name() + " joined");
    return ExitCode.OK.code;
  }
}
