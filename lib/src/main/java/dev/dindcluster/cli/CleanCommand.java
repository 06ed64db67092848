package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.ClusterLifecycle;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code clean}: everything of this cluster, and only of this cluster. */
@Command(header = "Remove everything of this cluster, and only of this cluster.",
    footerHeading = "%nExamples:%n",
    footer = {"  ${ROOT-COMMAND-NAME} clean", "  CLUSTER_ID=20 ${ROOT-COMMAND-NAME} clean"},
    name = "clean", description = {
    "Remove this cluster's containers, support containers, volumes, network and kubeconfig context.",
    "Only resources labelled as this cluster's are touched; other clusters and anything else stay."})
final class CleanCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;
  @Mixin LifecycleOptions options;

  @Override
  public Integer call() {
    CliContext context = config.context(top.context());
    ClusterRun.run(context, ClusterRun.plan(context, config), options, false, s -> ClusterLifecycle.clean());
    return ExitCode.OK.code;
  }
}
