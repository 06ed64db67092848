package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.ClusterLifecycle;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code down}: remove the cluster's containers; the volumes (snapshot) and network stay. */
@Command(header = "Remove the cluster's containers; keep its volumes (the snapshot up restores) and network.",
    footerHeading = "%nExamples:%n",
    footer = {"  ${ROOT-COMMAND-NAME} down && ${ROOT-COMMAND-NAME} up     # restore in seconds"},
    name = "down", description = {
        "The volumes keep each node's state (certificates, etcd, images, workloads, local volumes): the next 'up' "
            + "restores the cluster from them instead of running kubeadm. 'clean' removes them."})
final class DownCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;
  @Mixin LifecycleOptions options;

  @Override
  public Integer call() {
    CliContext context = config.context(top.context());
    ClusterRun.run(context, ClusterRun.plan(context, config), options, false, s -> ClusterLifecycle.down());
    return ExitCode.OK.code;
  }
}
