package dev.dindcluster.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code reup}: the original's "up without pulling, refreshing the binaries". Nothing is ever
 * pulled here and nodes are always recreated from the current image, so it is {@code up}.
 */
@Command(header = "Same as up.",
    name = "reup", description = "Same as up (nodes are always recreated from the current local image; nothing is pulled).")
final class ReupCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;
  @Mixin LifecycleOptions options;
  @Mixin RetainOption retain;

  @Override
  public Integer call() {
    return UpCommand.up(config.context(top.context()), config, options, retain.retain());
  }
}
