package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.ClusterLifecycle;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code down}: remove the cluster's containers; the volumes (snapshot) and network stay. */
@Command(name = "down", description = "Remove the cluster's containers; keep volumes (the snapshot 'up' restores) and network.")
final class DownCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;
  @Mixin LifecycleOptions options;

  @Override
  public Integer call() {
    CliContext context = config.context(top.context());
    ClusterRun.run(context, ClusterRun.plan(context, config), options, s -> ClusterLifecycle.down());
    return ExitCode.OK.code;
  }
}
