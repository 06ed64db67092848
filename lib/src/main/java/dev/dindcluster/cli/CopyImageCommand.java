package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.CopyImage;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code copy-image IMAGE}: copy a local image into every node's runtime. */
@Command(name = "copy-image", description = "Copy a local image into every running node's container runtime (no registry needed).")
final class CopyImageCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;
  @Mixin LifecycleOptions options;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "A local image, e.g. my/operator:dev")
  String image;

  @Override
  public Integer call() {
    CliContext context = top.context();
    ClusterPlan plan = ClusterRun.plan(context, config);
    try (NodeRuntime runtime = context.adapters().runtime()) {
      var nodes = CopyImage.copy(plan, runtime, options.progress(context), image);
      context.out().println(image + " copied into " + String.join(", ", nodes));
    }
    return ExitCode.OK.code;
  }
}
