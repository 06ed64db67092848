package dev.dindcluster.cli;

import dev.dindcluster.e2e.E2eRunner;
import dev.dindcluster.e2e.E2eSuite;
import dev.dindcluster.e2e.ImageSelection;
import dev.dindcluster.e2e.SpecFilter;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.runtime.NodeRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * The common body of {@code e2e} and {@code e2e-serial}: check the input (exit 2 before anything
 * runs), run the suite, print the summary on stdout. Exit 0 only when specs ran and none failed.
 */
abstract class E2eCommandBase implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;
  @Mixin ProgressOptions options;
  @Mixin E2eOptions e2e;

  abstract E2eSuite suite();

  @Override
  public Integer call() {
    CliContext context = config.context(top.context());
    SpecFilter filter = SpecFilter.of(suite(), e2e.focus, e2e.skip);
    if (e2e.readyTimeoutSeconds <= 0) {
      throw new IllegalArgumentException("--ready-timeout '" + e2e.readyTimeoutSeconds + "' must be a positive number of seconds");
    }
    Integer processes = E2eRunner.requireProcesses(suite(), e2e.parallel);
    ClusterPlan plan = ClusterRun.plan(context, config);
    Path reportDir = e2e.reportDir != null ? e2e.reportDir
        : Path.of(plan.options().e2eReportDir() != null ? plan.options().e2eReportDir() : E2eOptions.DEFAULT_REPORT_DIR);
    var request = new E2eRunner.Request(suite(), filter, context.workDir().resolve(reportDir), abs(context, e2e.binaries),
        abs(context, e2e.images), Duration.ofSeconds(e2e.readyTimeoutSeconds), ImageSelection.of(e2e.preload), processes);
    try (NodeRuntime runtime = context.adapters().runtime()) {
      var runner = new E2eRunner(plan, runtime, context.adapters().kubeconfigs(), context.adapters().kubeApis(),
          options.progress(context), context.err());
      E2eRunner.Result result = runner.run(request, context.env());
      context.out().print(result.summary());
      context.out().println("report: " + result.reportDir() + " (JUnit XML junit_*.xml, e2e.log, summary.txt)");
      return result.exitCode();
    }
  }

  private static java.nio.file.Path abs(CliContext context, java.nio.file.Path p) {
    return p == null ? null : context.workDir().resolve(p);
  }
}
