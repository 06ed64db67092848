package dev.dindcluster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads reports shaped like e2e.test 1.20's (one junit_NN.xml per ginkgo process). */
class JUnitReportTest {
  @TempDir Path dir;

  private void write(String name, String cases) throws Exception {
    Files.writeString(dir.resolve(name), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "  <testsuite name=\"Kubernetes e2e suite\" tests=\"2\" failures=\"0\" errors=\"0\" time=\"22.9\">\n"
        + cases + "  </testsuite>\n");
  }

  private static String passed(String name, double time) {
    return "      <testcase name=\"" + name + "\" classname=\"Kubernetes e2e suite\" time=\"" + time + "\"></testcase>\n";
  }

  private static String skipped(String name) {
    return "      <testcase name=\"" + name + "\" classname=\"Kubernetes e2e suite\" time=\"0\">\n          <skipped></skipped>\n      </testcase>\n";
  }

  private static String failed(String name, double time, String message) {
    return "      <testcase name=\"" + name + "\" classname=\"Kubernetes e2e suite\" time=\"" + time + "\">\n"
        + "          <failure type=\"Failure\">" + message + "</failure>\n          <system-out>log</system-out>\n      </testcase>\n";
  }

  @Test
  void countsOutcomesAcrossTheFilesOfParallelProcesses() throws Exception {
    write("junit_01.xml", passed("[k8s.io] Pods should get a host IP [NodeConformance] [Conformance]", 8.4)
        + skipped("[sig-storage] In-tree Volumes [Driver: aws] something [Slow]"));
    write("junit_02.xml", passed("[sig-network] DNS should provide DNS for services  [Conformance]", 10.2)
        + failed("[sig-network] DNS should provide DNS for ExternalName services [Conformance]", 19.1,
            "test/e2e/network/dns_common.go:104\nUnexpected error: dig result did not match")
        + skipped("[sig-apps] Deployment [Serial] x"));
    Files.writeString(dir.resolve("e2e.log"), "not a report");

    JUnitReport report = JUnitReport.read(dir);

    assertThat(report.files()).extracting(p -> p.getFileName().toString()).containsExactly("junit_01.xml", "junit_02.xml");
    assertThat(report.count(JUnitReport.Outcome.PASSED)).isEqualTo(2);
    assertThat(report.count(JUnitReport.Outcome.FAILED)).isEqualTo(1);
    assertThat(report.count(JUnitReport.Outcome.SKIPPED)).isEqualTo(2);
    assertThat(report.failed().get(0).message()).contains("dig result did not match");
    assertThat(report.slowest(2)).extracting(JUnitReport.Spec::seconds).containsExactly(19.1, 10.2);

    String summary = E2eSummary.text(E2eSuite.PARALLEL, SpecFilter.of(E2eSuite.PARALLEL, null, null), report,
        Duration.ofSeconds(125), 1);
    assertThat(summary).startsWith("e2e: 2 passed, 1 failed, 2 skipped in 2m05s\n")
        .contains("failed:\n  [sig-network] DNS should provide DNS for ExternalName services [Conformance]\n"
            + "    Unexpected error: dig result did not match\n")
        .contains("     19.1 s  [sig-network] DNS should provide DNS for ExternalName services");
    assertThat(E2eRunner.verdict(report, 1)).isEqualTo("FAILED: 1 spec failed");
  }

  @Test
  void verdictNeedsSpecsThatRanAndAZeroExit() throws Exception {
    assertThat(E2eRunner.verdict(JUnitReport.read(dir), 1)).contains("wrote no JUnit report");
    write("junit_01.xml", skipped("a") + skipped("b"));
    assertThat(E2eRunner.verdict(JUnitReport.read(dir), 0)).contains("no spec ran");
    write("junit_01.xml", passed("a", 1));
    assertThat(E2eRunner.verdict(JUnitReport.read(dir), 0)).isEmpty();
    assertThat(E2eRunner.verdict(JUnitReport.read(dir), 2)).contains("ginkgo exited with 2");
  }

  @Test
  void preparingTheReportDirRemovesOnlyAnEarlierRunsResults() throws Exception {
    write("junit_01.xml", passed("a", 1));
    Files.writeString(dir.resolve("summary.txt"), "old");
    Files.writeString(dir.resolve("notes.md"), "mine");
    E2eRunner.prepareReportDir(dir);
    assertThat(dir.resolve("junit_01.xml")).doesNotExist();
    assertThat(dir.resolve("summary.txt")).doesNotExist();
    assertThat(dir.resolve("notes.md")).exists();
  }
}
