package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.ClusterLifecycle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code init [kubeadm args]}: the master alone, like the original's init. */
@Command(header = "Start the master and run kubeadm init (extra kubeadm arguments after '--').",
    footerHeading = "%nExamples:%n",
    footer = {"  ${ROOT-COMMAND-NAME} init -- --v=5"},
    name = "init", description = {
    "Start the master and run kubeadm init, passing extra arguments to kubeadm (after '--').",
    "Add workers with 'join'. Example: init -- --v=5"})
final class InitCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;
  @Mixin LifecycleOptions options;
  @Mixin RetainOption retain;

  @Parameters(paramLabel = "KUBEADM_ARG", description = "Extra arguments for kubeadm init.")
  List<String> kubeadmArgs = new ArrayList<>();

  @Override
  public Integer call() {
    CliContext context = config.context(top.context());
    var plan = ClusterRun.plan(context, config);
    var session = ClusterRun.run(context, plan, options, retain.retain(), s -> ClusterLifecycle.init(s.plan(), kubeadmArgs));
    context.out().println("master " + plan.master().name() + " initialised; API server " + session.apiServerUrl());
    return ExitCode.OK.code;
  }
}
