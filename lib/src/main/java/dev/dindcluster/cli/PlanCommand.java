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
    header = "Print what would be created (names, networks, addresses, CIDRs, image); creates nothing.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  ${ROOT-COMMAND-NAME} plan",
      "  ${ROOT-COMMAND-NAME} plan -o json",
      "  CLUSTER_ID=20 ${ROOT-COMMAND-NAME} plan --num-nodes 4 --ip-mode dual-stack"},
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
    "Print what would be created: names, networks, addresses, CIDRs, image.",
    "Creates nothing; asks the engine only to resolve a random cluster id (DIND_LABEL without " +
        "CLUSTER_ID) the way up does. Invalid input exits 2 listing every problem."})
final class PlanCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;

  @Mixin ConfigOptions config;

  @Mixin OutputOptions output;

  @Option(names = "--kubeadm-config", description = {
      "Print the kubeadm configuration up would write into each node for this plan and Kubernetes version",
      "(bootstrap token and CA hash as placeholders)."})
  boolean kubeadmConfig;

  @Override
  public Integer call() {
    CliContext context = config.context(top.context());
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
    if (kubeadmConfig) {
      context.out().print(KubeadmFiles.preview(plan));
      context.out().flush();
    } else {
      ClusterPlan shown = plan;
      output.print(context, () -> PlanText.toText(shown), () -> PlanJson.tree(shown));
    }
    return ExitCode.OK.code;
  }
}
