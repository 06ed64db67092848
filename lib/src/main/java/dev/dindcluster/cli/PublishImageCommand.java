package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.NodeImageRegistry;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.ReleaseSource;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code publish-image}: push the local node image to a registry that up can pull it from. */
@Command(header = "Push the local node image to a registry, for up on machines that lack it (DIND_NODE_IMAGE_REGISTRY).",
    footerHeading = "%nExamples:%n",
    footer = {"  ${ROOT-COMMAND-NAME} publish-image --registry registry.example.com/dind",
        "  DIND_NODE_IMAGE_REGISTRY=registry.example.com/dind ${ROOT-COMMAND-NAME} up   # on another machine: pulls it"},
    name = "publish-image", description = {
    "Push the node image the plan names (the pinned one, or DIND_IMAGE) from the local engine to " +
        "<registry>/<image>, where up with DIND_NODE_IMAGE_REGISTRY=<registry> finds it: a machine " +
        "with that registry builds nothing. The engine's own credentials and TLS settings apply. " +
        "Prints the pushed name on stdout; exit 3 when the image is not in the local engine."})
final class PublishImageCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;
  @Mixin ProgressOptions options;

  @Option(names = "--registry", paramLabel = "HOST[:PORT][/PATH]",
      description = "Registry to push to (default: DIND_NODE_IMAGE_REGISTRY; needed unless DIND_IMAGE names a registry host).")
  String registry;

  @Override
  public Integer call() {
    CliContext context = config.context(top.context());
    ClusterPlan plan = ClusterRun.plan(context, config);
    String target = registry != null ? registry.replaceAll("/+$", "") : plan.options().release().nodeImageRegistry();
    if (registry != null && !ReleaseSource.isRegistry(registry)) {
      throw new IllegalArgumentException("--registry '" + registry + "' is not a registry host[:port][/path] such as 127.0.0.1:5000");
    }
    if (target == null && !ReleaseSource.namesRegistryHost(plan.image())) {
      throw new IllegalArgumentException("no registry to publish '" + plan.image() + "' to: give --registry HOST[:PORT][/PATH]"
          + " or DIND_NODE_IMAGE_REGISTRY, or a DIND_IMAGE that names a registry host");
    }
    try (NodeRuntime runtime = context.adapters().runtime()) {
      context.out().println(NodeImageRegistry.publish(plan, target, runtime, options.progress(context)));
    }
    return ExitCode.OK.code;
  }
}
