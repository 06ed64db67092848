package dev.dindcluster.cli;

import dev.dindcluster.e2e.E2eSuite;
import picocli.CommandLine.Command;

/** {@code e2e [focus] [skip]}: the parallel conformance run. */
@Command(header = "Run Kubernetes' conformance tests against the cluster.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  ${ROOT-COMMAND-NAME} e2e",
      "  ${ROOT-COMMAND-NAME} e2e 'should serve a basic endpoint from pods'"},
    name = "e2e", description = {
    "Run Kubernetes' conformance e2e tests against the cluster, " + E2eSuite.PARALLEL_PROCESSES
        + " ginkgo processes in parallel (1 when DIND_NO_PARALLEL_E2E is set; --parallel N for another number).",
    "FOCUS defaults to '\\[Conformance\\]', SKIP to '\\[Serial\\]|\\[Disruptive\\]|\\[Slow\\]' " +
        "(Go regular expressions).",
    "Needs e2e.test/ginkgo (scripts/build-k8s-binaries --with-e2e) and the test images " +
        "(scripts/build-e2e-images).",
    "Writes JUnit XML, e2e.log and summary.txt into --report-dir; exits 1 when a spec fails, 2 on " +
        "a bad expression, 3 when the cluster is not running."})
final class E2eCommand extends E2eCommandBase {
  @Override
  E2eSuite suite() {
    return E2eSuite.PARALLEL;
  }
}
