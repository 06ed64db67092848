package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.KubeadmFiles;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.runtime.RuntimeFailure;
import dev.dindcluster.plan.PlanJson;
import dev.dindcluster.plan.PlanText;
import dev.dindcluster.plan.Planner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code plan}: print everything computed for the cluster; no side effects at all. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Print what would be created: names, networks, addresses, CIDRs, image.",
      "Creates nothing; asks the engine only to resolve a random cluster id (DIND_LABEL without CLUSTER_ID)",
      "the way up does. Invalid input exits 2 listing every problem."
    })
final class PlanCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;

  @Mixin ConfigOptions config;

  @Option(names = "--json", description = "Print the plan as JSON on stdout.")
  boolean json;

  @Option(names = "--kubeadm-config", description = {
      "Print the kubeadm configuration up would write into each node for this plan and Kubernetes version",
      "(bootstrap token and CA hash as placeholders)."})
  boolean kubeadmConfig;

  @Override
  public Integer call() {
    CliContext context = top.context();
    ClusterPlan plan;
    try {
      plan = ClusterRun.plan(context, config);
    } catch (RuntimeFailure e) {
      // No engine to ask: the random id shown may differ from the one up picks.
      plan = Planner.plan(config.settings(context), context.release(), context.randomClusterId());
      context.err().println("WARNING: the engine did not answer (" + e.getMessage() + "); the random cluster id "
          + plan.clusterId() + " is not checked against existing clusters");
      plan.warnings().forEach(warning -> context.err().println("WARNING: " + warning));
    }
    context.out().print(kubeadmConfig ? KubeadmFiles.preview(plan) : json ? PlanJson.toJson(plan) : PlanText.toText(plan));
    context.out().flush();
    return ExitCode.OK.code;
  }
}
