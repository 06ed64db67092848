package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.ClusterNodes;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code nodes}: the cluster's nodes and their containers' state (kind's {@code get nodes}). */
@Command(header = "List the cluster's nodes: role, container state, addresses, zone.",
    footerHeading = "%nExamples:%n",
    footer = {"  ${ROOT-COMMAND-NAME} nodes", "  ${ROOT-COMMAND-NAME} nodes -o yaml"},
    name = "nodes", description = {
    "List the cluster's nodes: name, role, container state on the engine, addresses and zone (-o " +
        "json|yaml adds pod CIDRs, volume, labels and taints). Works while the cluster is down; " +
        "changes nothing."})
final class NodesCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    CliContext context = config.context(top.context());
    ClusterPlan plan = ClusterRun.plan(context, config);
    List<ClusterNodes.Row> rows;
    try (NodeRuntime runtime = context.adapters().runtime()) {
      rows = ClusterNodes.read(plan, runtime);
    }
    output.print(context, () -> ClusterNodes.render(rows), () -> ClusterNodes.tree(rows));
    return ExitCode.OK.code;
  }
}
