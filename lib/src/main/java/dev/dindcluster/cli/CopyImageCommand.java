package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.CopyImage;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code copy-image IMAGE...}: copy local images into every node's runtime. */
@Command(header = "Copy local images into every running node's container runtime (no registry needed).",
    footerHeading = "%nExamples:%n",
    footer = {"  ${ROOT-COMMAND-NAME} copy-image my-operator:dev my-sidecar:dev"},
    name = "copy-image", description = {
    "Copy local images into every running node's container runtime (no registry needed); several " +
        "images travel as one archive, so the layers they share are copied once."})
final class CopyImageCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;
  @Mixin ProgressOptions options;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Local images, e.g. my/operator:dev my/webhook:dev")
  java.util.List<String> images;

  @Override
  public Integer call() {
    CliContext context = config.context(top.context());
    ClusterPlan plan = ClusterRun.plan(context, config);
    try (NodeRuntime runtime = context.adapters().runtime()) {
      var nodes = CopyImage.copyAll(plan, runtime, options.progress(context), images, null);
      context.out().println(String.join(" ", images) + " copied into " + String.join(", ", nodes));
    }
    return ExitCode.OK.code;
  }
}
