package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.dindcluster.dump.Dump64Splitter;
import dev.dindcluster.dump.SectionFilterScript;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI service's dump script, run by bash with stand-ins for the node's commands (systemctl,
 * journalctl, ps, docker, ip, kubectl) that print known text: its sections, their order and names,
 * the redaction and escaping of its Perl filter, a restarted container's previous log, and with
 * {@code --base64} a blob our splitter reads back to the same sections. The real script runs in
 * {@code test/ci-service.sh}.
 */
class ServiceDumpScriptTest {
  private static final String NODE = "kube-master-cluster-41";
  private static final String TOKEN = "abcdef.0123456789abcdef";

  @TempDir Path dir;

  private Path script(boolean containerd) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    stub(bin, "systemctl", "echo \"status $*\"");
    stub(bin, "journalctl", "echo \"journal $*\"; echo 'kubeadm join --token " + TOKEN + "'");
    stub(bin, "ps", "echo 'PID CMD'");
    stub(bin, "docker", "echo 'CONTAINER ID   IMAGE'");
    stub(bin, "ip", "echo \"ip $*\"");
    stub(bin, "kubectl", """
        case "$*" in
          "get --raw /readyz") [ -z "${API_DOWN:-}" ] || { echo "connection refused" >&2; exit 1; }; echo ok ;;
          # The API's order (by storage key: "test-a/" before "test/"), not the dump's.
          "get pods"*) printf '%s default web app 2\\nunscheduled kube-system dns-1 dns \\n' "$NODE"
            printf '%s test-a x c 0\\n%s test x c 0\\n' "$NODE" "$NODE" ;;
          "logs --previous"*) echo "previous log"; echo 'password: hunter2' ;;
          logs*) echo "log of $*"; echo '@@@ nodes.txt @@@'; printf 'last line without an end' ;;
          "get all"*) echo 'NAMESPACE   NAME      READY' ;;
          describe*) echo 'Name: web' ;;
          "get nodes"*) echo 'NAME   STATUS'; echo "$NODE   Ready" ;;
          "get events"*) printf 'default\\t2026-12-03T02:00:00Z\\tWarning\\tBackOff\\tPod/web\\t5\\tBack-off restarting\\n' ;;
          *) echo "unexpected kubectl $*" >&2; exit 3 ;;
        esac""".replace("$NODE", NODE));
    Path filter = dir.resolve("section-filter");
    Files.writeString(filter, SectionFilterScript.perl());
    Path script = dir.resolve("dump");
    Files.writeString(script, ServiceDumpScript.bash(NODE, containerd, filter.toString()));
    return script;
  }

  private Path script() throws IOException {
    return script(false);
  }

  private static void stub(Path bin, String name, String body) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/bash\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private byte[] run(Path script, String... args) throws IOException, InterruptedException {
    return run(java.util.Map.of(), script, args);
  }

  private byte[] run(java.util.Map<String, String> env, Path script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("stderr").toFile());
    builder.environment().putAll(env);
    builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("exit code; stderr: %s", Files.readString(dir.resolve("stderr"))).isZero();
    return out;
  }

  @Test
  void sectionsInTheJavaDumpsOrderRedactedAndEscaped() throws Exception {
    String dump = new String(run(script()), StandardCharsets.ISO_8859_1);
    List<String> markers = dump.lines().filter(l -> l.startsWith("@@@ ")).toList();
    // Written out, not derived: the names the Java dump writes, in its order (pods by namespace, then name).
    List<String> expected = new ArrayList<>();
    Stream.of("service-" + NODE + "-kubelet.service.log", "service-" + NODE + "-docker.service.log", "psaux-" + NODE + ".txt",
        "dockerps-a-" + NODE + ".txt", "ip-a-" + NODE + ".txt", "ip-r-" + NODE + ".txt",
        "pod-" + NODE + "-default-web--app.log", "pod-unscheduled-kube-system-dns-1--dns.log",
        "pod-" + NODE + "-test-x--c.log", "pod-" + NODE + "-test-a-x--c.log",
        "kubectl-all.txt", "describe-all.txt", "nodes.txt", "events.txt").forEach(n -> expected.add("@@@ " + n + " @@@"));
    assertThat(markers).containsExactlyElementsOf(expected);
    assertThat(NodeSections.names(NODE, false)).containsExactlyElementsOf(
        expected.subList(0, 6).stream().map(m -> m.substring(4, m.length() - 4)).toList());
    assertThat(dump).startsWith("*** Dumping cluster state ***\n")
        .contains("status --no-pager -l kubelet.service\njournal --no-pager -x -n all -u kubelet.service\n")
        .doesNotContain(TOKEN).contains("kubeadm join --token <redacted>")
        .contains("\n @@@ nodes.txt @@@\n") // a log line that looks like a marker, escaped
        .contains("last line without an end\n" + LiveClusterDump.PREVIOUS_SEPARATOR_START
            + "app (restarted 2 times) -----\nprevious log\npassword: <redacted>\n")
        .doesNotContain("hunter2");
    String events = dump.substring(dump.indexOf("@@@ events.txt @@@\n") + "@@@ events.txt @@@\n".length());
    assertThat(events.lines().toList()).containsExactly(
        "NAMESPACE   LAST SEEN              TYPE      REASON    OBJECT    COUNT   MESSAGE",
        "default     2026-12-03T02:00:00Z   Warning   BackOff   pod/web   5       Back-off restarting");
  }

  @Test
  void containerdNodesGetTheirRuntimesSections() throws Exception {
    String dump = new String(run(script(true)), StandardCharsets.ISO_8859_1);
    assertThat(dump).contains("@@@ service-" + NODE + "-containerd.service.log @@@\n",
        "@@@ ctr-containers-" + NODE + ".txt @@@\n").doesNotContain("dockerps-a-");
  }

  @Test
  void withoutTheApiServerTheNodeSectionsAndWhyTheRestIsMissing() throws Exception {
    String dump = new String(run(java.util.Map.of("API_DOWN", "1"), script()), StandardCharsets.ISO_8859_1);
    List<String> markers = dump.lines().filter(l -> l.startsWith("@@@ ")).toList();
    assertThat(markers).hasSize(7).last().isEqualTo("@@@ " + LiveClusterDump.API_UNAVAILABLE + " @@@");
    assertThat(dump).endsWith("@@@ " + LiveClusterDump.API_UNAVAILABLE + " @@@\n"
        + LiveClusterDump.NOTE + LiveClusterDump.apiUnavailableNote("this service's cluster") + "\n"
        + LiveClusterDump.NOTE + "connection refused\n");
  }

  @Test
  void aFailingCommandIsNotedInItsSection() throws Exception {
    Path script = script();
    stub(dir.resolve("bin"), "ip", "printf 'cannot talk to netlink' >&2; exit 5");
    String dump = new String(run(script), StandardCharsets.ISO_8859_1);
    assertThat(dump).contains("@@@ ip-a-" + NODE + ".txt @@@\ncannot talk to netlink\n"
        + LiveClusterDump.NOTE + "'ip a' exited with 5\n@@@ ip-r-");
  }

  @Test
  void base64GivesABlobThatSplitsIntoTheSameSections() throws Exception {
    assumeThat(Stream.of(System.getenv("PATH").split(":")).anyMatch(p -> Files.isExecutable(Path.of(p, "lzma"))))
        .as("xz-utils' lzma on this machine").isTrue();
    Path script = script();
    String blob = new String(run(script, "--base64"), StandardCharsets.US_ASCII);
    assertThat(blob).startsWith("%%% start-base64 %%%\nXQAAgAD//////////").endsWith("\n%%% end-base64 %%%\n");
    assertThat(blob.lines().skip(1).filter(l -> !l.startsWith("%%%")).allMatch(l -> l.length() <= 100)).isTrue();
    Path out = dir.resolve("split");
    var report = new Dump64Splitter(out, null, new PrintStream(java.io.OutputStream.nullOutputStream()))
        .split(new ByteArrayInputStream(blob.getBytes(StandardCharsets.US_ASCII)));
    assertThat(report.problems()).as("the splitter's problems with %s", blob).isEmpty();
    assertThat(Files.readString(out.resolve("nodes.txt"))).isEqualTo("NAME   STATUS\n" + NODE + "   Ready\n");
    assertThat(Files.readString(out.resolve("pod-" + NODE + "-default-web--app.log")))
        .contains("@@@ nodes.txt @@@").doesNotContain("hunter2");
  }
}
