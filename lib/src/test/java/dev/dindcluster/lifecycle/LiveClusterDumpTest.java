package dev.dindcluster.lifecycle;

import static dev.dindcluster.lifecycle.LiveClusterFixture.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.dump.DumpPrinter;
import dev.dindcluster.kube.EventInfo;
import dev.dindcluster.kube.FakeKubeApi;
import dev.dindcluster.kube.ObjectKind;
import dev.dindcluster.kube.PodStatus;
import dev.dindcluster.runtime.ExecResult;
import dev.dindcluster.runtime.ExecTimeoutFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live collector on the fake engine and a fake API: section names, order, content, failures, redaction. */
class LiveClusterDumpTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:05:30Z"), ZoneOffset.UTC);

  private final LiveClusterFixture cluster = new LiveClusterFixture();
  private final FakeKubeApi kube = new FakeKubeApi();
  private final List<String> warnings = new ArrayList<>();

  private String dump(ApiConnection api, boolean redact) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DumpPrinter.plain(new LiveClusterDump(cluster.plan, cluster.runtime, api, CLOCK, warnings::add), out, redact);
    return out.toString(StandardCharsets.UTF_8);
  }

  private String dump() throws IOException {
    return dump(ApiConnection.available(kube, "https://127.0.0.1:1234"), true);
  }

  /** Section name -> content, in order; the header line is checked and dropped. */
  private static Map<String, String> sections(String dump) {
    assertThat(dump).startsWith("*** Dumping cluster state ***\n");
    Map<String, String> sections = new LinkedHashMap<>();
    String current = null;
    assertThat(dump).endsWith("\n");
    for (String line : dump.substring(dump.indexOf('\n') + 1, dump.length() - 1).split("\n", -1)) {
      if (line.matches("@@@ \\S+ @@@")) {
        current = line.substring(4, line.length() - 4);
        assertThat(sections).doesNotContainKey(current);
        sections.put(current, "");
      } else if (current != null) {
        sections.merge(current, line + "\n", String::concat);
      }
    }
    return sections;
  }

  private static List<String> nodeSections(String node) {
    return List.of("service-" + node + "-kubelet.service.log", "service-" + node + "-docker.service.log",
        "psaux-" + node + ".txt", "dockerps-a-" + node + ".txt", "ip-a-" + node + ".txt", "ip-r-" + node + ".txt");
  }

  private void aClusterWithPods() {
    // Node 2 is stopped, a stranger's container runs with our bare label: neither is dumped.
    cluster.node(0, true).node(1, true).node(2, false).stranger("kube-master-other");
    kube.pod("kube-system", "kube-proxy-b", cluster.nodeName(1), new PodStatus.Container("kube-proxy", "img", true, 2))
        .pod("default", "web", cluster.nodeName(0),
            new PodStatus.Container("app", "img", true, 0), new PodStatus.Container("sidecar", "img", false, 0))
        .pod("default", "pending", null, new PodStatus.Container("app", "img", false, 0));
    kube.logs.put("kube-system/kube-proxy-b/kube-proxy", "proxy now\n");
    kube.logs.put("kube-system/kube-proxy-b/kube-proxy/previous", "proxy before the restart\n");
    kube.logs.put("default/web/app", "app log\n");
    kube.logs.put("default/web/sidecar", "sidecar log without newline");
    kube.object(object(ObjectKind.POD, "default", "web", "kind: Pod\nmetadata: {name: web}\n",
            "READY=1/2", "STATUS=Running", "AGE=", "NODE=" + cluster.nodeName(0)))
        .object(object(ObjectKind.SERVICE, "default", "kubernetes", "kind: Service\n", "TYPE=ClusterIP", "AGE="))
        .object(object(ObjectKind.NODE, null, cluster.nodeName(0), "kind: Node\n", "STATUS=Ready", "AGE=", "VERSION=v1.20.2"));
    kube.events.add(new EventInfo("default", "2026-01-01T00:01:00Z", "Normal", "Scheduled", "pod/web", 1, "assigned"));
    kube.events.add(new EventInfo("default", "2026-01-01T00:02:00Z", "Warning", "BackOff", "pod/other", 4, "not about web"));
  }

  @Test
  void sectionsComeInTheOriginalsNamesAndOrder() throws IOException {
    aClusterWithPods();
    List<String> expected = new ArrayList<>();
    expected.addAll(nodeSections(cluster.nodeName(0)));
    expected.addAll(nodeSections(cluster.nodeName(1)));
    expected.addAll(List.of(
        "pod-unscheduled-default-pending--app.log", // by namespace, then pod name
        "pod-" + cluster.nodeName(0) + "-default-web--app.log",
        "pod-" + cluster.nodeName(0) + "-default-web--sidecar.log",
        "pod-" + cluster.nodeName(1) + "-kube-system-kube-proxy-b--kube-proxy.log",
        "kubectl-all.txt", "describe-all.txt", "nodes.txt", "events.txt"));
    assertThat(sections(dump()).keySet()).containsExactlyElementsOf(expected);
    assertThat(cluster.runtime.journal()).noneMatch(line -> line.contains("kube-master-other") && line.startsWith("exec"));
  }

  @Test
  void nodeSectionsHoldEachCommandsOutput() throws IOException {
    aClusterWithPods();
    Map<String, String> sections = sections(dump());
    String master = cluster.nodeName(0);
    assertThat(sections.get("service-" + master + "-kubelet.service.log")).isEqualTo("output of [systemctl status"
        + " --no-pager -l kubelet.service; journalctl --no-pager -x -n all -u kubelet.service] on " + master + "\n");
    assertThat(sections.get("psaux-" + master + ".txt")).isEqualTo("output of [ps auxww] on " + master + "\n");
    assertThat(sections.get("dockerps-a-" + master + ".txt")).isEqualTo("output of [docker ps -a] on " + master + "\n");
    assertThat(sections.get("ip-a-" + master + ".txt")).isEqualTo("output of [ip a] on " + master + "\n");
    assertThat(sections.get("ip-r-" + cluster.nodeName(1) + ".txt")).isEqualTo("output of [ip r] on " + cluster.nodeName(1) + "\n");
  }

  @Test
  void containerdNodesDumpContainerdsUnitAndCriContainers() throws IOException {
    aClusterWithPods();
    String worker = cluster.nodeName(1);
    // Node 1 runs kubelet on containerd (its entrypoint wrote /run/dind/cri); the master on docker.
    cluster.runtime.onExec((node, request) -> request.command().equals(List.of("cat", NodeOps.CRI_FILE))
        ? new ExecResult(0, node.equals(worker) ? "containerd\n" : "docker\n", "")
        : new ExecResult(0, LiveClusterFixture.answer(node, request), ""));
    Map<String, String> sections = sections(dump());
    assertThat(sections.keySet()).containsSubsequence(NodeSections.names(cluster.nodeName(0), false))
        .containsSubsequence(NodeSections.names(worker, true))
        .doesNotContain("dockerps-a-" + worker + ".txt", "service-" + worker + "-docker.service.log");
    assertThat(sections.get("service-" + worker + "-containerd.service.log")).isEqualTo("output of [systemctl status"
        + " --no-pager -l containerd.service; journalctl --no-pager -x -n all -u containerd.service] on " + worker + "\n");
    assertThat(sections.get("ctr-containers-" + worker + ".txt"))
        .startsWith("output of [ctr -n k8s.io tasks ls;").contains("ctr -n k8s.io containers ls -q");
  }

  @Test
  void podLogsAppendThePreviousInstanceAfterARestart() throws IOException {
    aClusterWithPods();
    Map<String, String> sections = sections(dump());
    assertThat(sections.get("pod-" + cluster.nodeName(1) + "-kube-system-kube-proxy-b--kube-proxy.log")).isEqualTo(
        "proxy now\n" + LiveClusterDump.PREVIOUS_SEPARATOR_START + "kube-proxy (restarted 2 times) -----\n"
            + "proxy before the restart\n");
    assertThat(sections.get("pod-" + cluster.nodeName(0) + "-default-web--app.log")).isEqualTo("app log\n");
    assertThat(sections.get("pod-" + cluster.nodeName(0) + "-default-web--sidecar.log")).isEqualTo("sidecar log without newline\n");
    // No log (a pending pod): the section says why, and so does stderr.
    assertThat(sections.get("pod-unscheduled-default-pending--app.log"))
        .isEqualTo("# dind-cluster dump: logs of default/pending/app: not found\n");
    assertThat(warnings).containsExactly("logs of default/pending/app: not found");
  }

  @Test
  void aPodLogIsStreamedIntoTheDumpAndACutOffKeepsWhatArrived() throws IOException {
    cluster.node(0, true);
    kube.pod("default", "chatty", cluster.nodeName(0), new PodStatus.Container("app", "img", true, 0));
    String line = "x".repeat(1023) + "\n";
    long[] seenAfterFirstPart = {-1};
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    kube.streamedLogs.put("default/chatty/app", out -> {
      out.write(line.repeat(1024).getBytes(StandardCharsets.UTF_8)); // 1 MiB
      seenAfterFirstPart[0] = sink.size();
      out.write(line.repeat(1024).getBytes(StandardCharsets.UTF_8));
      out.write("half a line".getBytes(StandardCharsets.UTF_8));
      throw new dev.dindcluster.kube.KubeFailure("logs of default/chatty/app: cut off: connection reset");
    });
    DumpPrinter.plain(new LiveClusterDump(cluster.plan, cluster.runtime, ApiConnection.available(kube, "https://127.0.0.1:1"),
        CLOCK, warnings::add), sink, true);
    // The first mebibyte reached the output (all but the printer's 64 KiB buffer) while the log was
    // still being read: nothing held it whole.
    assertThat(seenAfterFirstPart[0]).isGreaterThanOrEqualTo(1024L * 1024 - (1 << 16));
    String section = sections(sink.toString(StandardCharsets.UTF_8)).get("pod-" + cluster.nodeName(0) + "-default-chatty--app.log");
    assertThat(section).isEqualTo(line.repeat(2048) + "half a line\n"
        + "# dind-cluster dump: logs of default/chatty/app: cut off: connection reset\n");
    assertThat(warnings).containsExactly("logs of default/chatty/app: cut off: connection reset");
  }

  @Test
  void apiSectionsRenderTablesDescriptionsAndEvents() throws IOException {
    aClusterWithPods();
    Map<String, String> sections = sections(dump());
    String master = cluster.nodeName(0);
    assertThat(sections.get("kubectl-all.txt")).isEqualTo(String.join("\n",
        "NAMESPACE   NAME      READY   STATUS    AGE     NODE",
        "default     pod/web   1/2     Running   5m30s   " + master,
        "",
        "NAMESPACE   NAME                 TYPE        AGE",
        "default     service/kubernetes   ClusterIP   5m30s",
        ""));
    assertThat(sections.get("describe-all.txt")).isEqualTo(String.join("\n",
        "===== Pod default/web =====",
        "kind: Pod",
        "metadata: {name: web}",
        "Events:",
        "  LAST SEEN              TYPE     REASON      OBJECT    COUNT   MESSAGE",
        "  2026-01-01T00:01:00Z   Normal   Scheduled   pod/web   1       assigned",
        "",
        "===== Service default/kubernetes =====",
        "kind: Service",
        "Events:",
        "  <none>",
        "",
        ""));
    assertThat(sections.get("nodes.txt")).isEqualTo(
        "NAME" + " ".repeat(master.length() - 1) + "STATUS   AGE     VERSION\n"
            + master + "   Ready    5m30s   v1.20.2\n");
    assertThat(sections.get("events.txt"))
        .contains("NAMESPACE   LAST SEEN              TYPE      REASON      OBJECT      COUNT   MESSAGE\n")
        .contains("default     2026-01-01T00:02:00Z   Warning   BackOff     pod/other   4       not about web\n");
  }

  @Test
  void withoutTheApiTheNodeSectionsStillComeAndASectionSaysWhy() throws IOException {
    cluster.node(0, true).node(1, true);
    Map<String, String> sections = sections(dump(ApiConnection.unavailable("the master is on fire"), true));
    List<String> expected = new ArrayList<>(nodeSections(cluster.nodeName(0)));
    expected.addAll(nodeSections(cluster.nodeName(1)));
    expected.add(LiveClusterDump.API_UNAVAILABLE);
    assertThat(sections.keySet()).containsExactlyElementsOf(expected);
    assertThat(sections.get(LiveClusterDump.API_UNAVAILABLE))
        .contains("no pod logs, kubectl-all.txt, describe-all.txt, nodes.txt or events.txt")
        .contains("cluster dind-t-5")
        .contains("the master is on fire");
  }

  @Test
  void aFailingCommandOrCallIsNotedInItsSectionAndTheDumpGoesOn() throws IOException {
    aClusterWithPods();
    cluster.runtime.onExec((node, request) -> {
      if (request.display().contains("ps auxww")) {
        throw new ExecTimeoutFailure(node, request, Duration.ofSeconds(60), new ExecResult(-1, "", ""));
      }
      if (request.display().contains("ip r")) {
        return new ExecResult(127, "", "");
      }
      return new ExecResult(0, LiveClusterFixture.answer(node, request), "");
    });
    kube.failing.add("objects:" + ObjectKind.SERVICE);
    kube.failing.add("events");
    Map<String, String> sections = sections(dump());
    String master = cluster.nodeName(0);
    assertThat(sections.get("psaux-" + master + ".txt")).startsWith("# dind-cluster dump: ").contains("ps auxww");
    assertThat(sections.get("ip-r-" + master + ".txt"))
        .isEqualTo("# dind-cluster dump: 'ip r' exited with 127 and printed nothing\n");
    assertThat(sections.get("ip-a-" + master + ".txt")).isEqualTo("output of [ip a] on " + master + "\n");
    assertThat(sections.get("kubectl-all.txt")).contains("pod/web").contains("# dind-cluster dump: objects:SERVICE: injected failure");
    assertThat(sections.get("events.txt")).isEqualTo("# dind-cluster dump: events: injected failure (HTTP 500)\n");
    assertThat(sections.get("nodes.txt")).contains("Ready");
    assertThat(warnings).anyMatch(w -> w.startsWith(master + ": ") && w.contains("ps auxww"))
        .contains("objects:SERVICE: injected failure (HTTP 500)", "events: injected failure (HTTP 500)");
  }

  /** What a node or a pod might print that must never reach a public CI log. */
  private static final String KUBECONFIG = String.join("\n",
      "users:",
      "- name: kubernetes-admin",
      "  user:",
      "    client-certificate-data: Q0VSVA==",
      "    client-key-data: U0VDUkVULUtFWS1EQVRB",
      "    token: s3cr3t-service-account-token",
      "");
  private static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEsecretkeymaterial\n-----END RSA PRIVATE KEY-----\n";
  private static final String JOIN = "kubeadm join 10.192.5.2:6443 --token abcdef.0123456789abcdef\n";

  @Test
  void secretsInNodeOutputAndPodLogsAreRedactedByDefault() throws IOException {
    cluster.node(0, true);
    cluster.runtime.onExec((node, request) -> new ExecResult(0,
        request.display().contains("journalctl") ? KUBECONFIG + PEM + JOIN : "nothing\n", ""));
    kube.pod("kube-system", "leaky", cluster.nodeName(0), new PodStatus.Container("c", "img", true, 0));
    kube.logs.put("kube-system/leaky/c", "Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig\n" + JOIN);
    List<String> secrets = List.of("U0VDUkVULUtFWS1EQVRB", "s3cr3t-service-account-token", "MIIEsecretkeymaterial",
        "abcdef.0123456789abcdef", "eyJhbGciOiJSUzI1NiJ9");

    String plain = dump(ApiConnection.available(kube, "https://127.0.0.1:1"), false);
    assertThat(secrets).allMatch(plain::contains); // the test's secrets really were in the stream

    String redacted = dump();
    assertThat(secrets).noneMatch(redacted::contains);
    Map<String, String> sections = sections(redacted);
    assertThat(sections.get("service-" + cluster.nodeName(0) + "-kubelet.service.log"))
        .contains("client-key-data: <redacted>", "token: <redacted>", "--token <redacted>",
            "client-certificate-data: Q0VSVA==");
    assertThat(sections.get("pod-" + cluster.nodeName(0) + "-kube-system-leaky--c.log")).contains("Bearer <redacted>");
  }

  @Test
  void theDumpListsNoKindThatHoldsSecrets() {
    assertThat(ObjectKind.values()).extracting(k -> k.kind).doesNotContain("Secret", "ConfigMap");
  }
}
