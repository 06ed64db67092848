package dev.dindcluster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GinkgoRunTest {
  @TempDir Path tmp;

  private final E2eTools tools = new E2eTools(Path.of("/b/e2e.test"), Path.of("/b/ginkgo"), Path.of("/b/kubectl"));
  private final TestImages images = new TestImages(Path.of("/i/repo-list.yaml"), List.of("x:1"));

  @Test
  void parallelRunPassesTheFrameworkWhatItNeeds() {
    var inv = GinkgoRun.invocation(E2eSuite.PARALLEL, SpecFilter.of(E2eSuite.PARALLEL, null, null), tools, images,
        Path.of("/t/kubeconfig"), Path.of("/r"));
    assertThat(inv.command()).startsWith("/b/ginkgo", "-nodes=4").contains("/b/e2e.test", "--",
        "--provider=skeleton", "--kubeconfig=/t/kubeconfig", "--kubectl-path=/b/kubectl", "--disable-log-dump",
        "--report-dir=/r", "--ginkgo.focus=\\[Conformance\\]", "--ginkgo.skip=\\[Serial\\]|\\[Disruptive\\]|\\[Slow\\]");
    assertThat(inv.command().indexOf("/b/e2e.test")).isLessThan(inv.command().indexOf("--provider=skeleton"));
    assertThat(inv.extraEnv()).containsEntry("KUBE_TEST_REPO_LIST", "/i/repo-list.yaml");
  }

  @Test
  void noParallelE2eMakesTheParallelRunSerialAsInTheOriginal() {
    assertThat(E2eRunner.processes(E2eSuite.PARALLEL, Map.of())).isEqualTo(4);
    assertThat(E2eRunner.processes(E2eSuite.PARALLEL, Map.of("DIND_NO_PARALLEL_E2E", "y"))).isEqualTo(1);
    assertThat(E2eRunner.processes(E2eSuite.SERIAL, Map.of())).isEqualTo(1);
  }

  @Test
  void serialRunUsesOneProcessAndNoEmptySkip() {
    var inv = GinkgoRun.invocation(E2eSuite.SERIAL, SpecFilter.of(E2eSuite.SERIAL, null, null), tools, images,
        Path.of("/t/k"), Path.of("/r"));
    assertThat(inv.command()).contains("-nodes=1", "--ginkgo.focus=\\[Serial\\].*\\[Conformance\\]");
    assertThat(inv.command()).noneMatch(a -> a.startsWith("--ginkgo.skip"));
  }

  @Test
  void runStreamsOutputToTheLogAndAFileAndReturnsTheExitCode() throws Exception {
    Path script = tmp.resolve("fake-ginkgo");
    Files.writeString(script, "#!/bin/sh\necho \"args: $*\"\necho \"repo list: $KUBE_TEST_REPO_LIST\"\nexit 3\n");
    script.toFile().setExecutable(true);
    var inv = new GinkgoRun.Invocation(List.of(script.toString(), "-nodes=2"), Map.of("KUBE_TEST_REPO_LIST", "/x.yaml"), tmp);
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    int code = GinkgoRun.run(inv, new PrintStream(log, true, StandardCharsets.UTF_8), tmp.resolve("e2e.log"));

    assertThat(code).isEqualTo(3);
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("args: -nodes=2", "repo list: /x.yaml");
    assertThat(Files.readString(tmp.resolve("e2e.log"))).isEqualTo("args: -nodes=2\nrepo list: /x.yaml\n");
  }
}
