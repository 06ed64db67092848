package dev.dindcluster.cli;

import dev.dindcluster.kube.PrivateFiles;
import dev.dindcluster.lifecycle.ApiAccess;
import dev.dindcluster.lifecycle.ClusterQueries;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.runtime.NodeRuntime;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kubeconfig}: a standalone kubeconfig for the running cluster (as {@code kind get kubeconfig}). */
@Command(header = "Print or write a standalone kubeconfig for the running cluster.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  ${ROOT-COMMAND-NAME} kubeconfig > ./kubeconfig && kubectl --kubeconfig ./kubeconfig get nodes",
      "  ${ROOT-COMMAND-NAME} kubeconfig --output ./kubeconfig"},
    name = "kubeconfig", description = {
    "Print a standalone kubeconfig for the running cluster (admin credentials, the API server on " +
        "its loopback port, context named as in 'up'), or write it to --output FILE (mode 0600). " +
        "Changes no other kubeconfig. Exit 3 when the cluster is not running."})
final class KubeconfigCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;

  @Option(names = "--output", paramLabel = "FILE", description = "Write it to FILE (0600, replaced whole) instead of stdout.")
  Path output;

  @Override
  public Integer call() {
    CliContext context = config.context(top.context());
    ClusterPlan plan = ClusterRun.plan(context, config);
    String yaml;
    try (NodeRuntime runtime = context.adapters().runtime()) {
      int port = ClusterQueries.apiServerPort(plan, runtime);
      yaml = ApiAccess.adminEntry(plan, runtime, context.adapters().kubeconfigs(), port).toKubeconfigYaml();
    }
    if (output == null) {
      context.out().print(yaml);
      context.out().flush();
    } else {
      Path file = PrivateFiles.write(context.workDir().resolve(output), yaml);
      context.err().println("kubeconfig: wrote " + file + " (context " + plan.context() + ")");
    }
    return ExitCode.OK.code;
  }
}
