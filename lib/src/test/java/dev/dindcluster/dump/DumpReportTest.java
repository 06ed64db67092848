package dev.dindcluster.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report a person reads after a failed CI job: from the original's sample dump and from a live-style one. */
class DumpReportTest {
  @TempDir Path dir;

  @Test
  void theOriginalsSampleDumpReportsItsNodesAndNoProblems() throws Exception {
    PlainSplitter.split(new ByteArrayInputStream(DumpTestSupport.vector("sample-dump.txt")), dir);
    DumpReport report = DumpReport.read(dir);
    assertThat(report.nodes()).extracting(DumpReport.Node::name).containsExactly("kube-master", "kube-node-1");
    assertThat(report.nodes()).allMatch(DumpReport.Node::ready);
    assertThat(report.problemPods()).isEmpty();
    assertThat(report.summary()).isEqualTo("2 nodes, 2 Ready\nevery pod Ready, none restarted\nno events.txt in this dump\n");
    String html = Files.readString(report.writeHtml());
    assertThat(html).contains("<a href=\"nodes.txt\">nodes.txt</a> (138 bytes)")
        .contains("<a href=\"pod-kube-node-1-kube-system-kube-proxy-x7k2p--kube-proxy.log\">")
        .contains("This dump has no events.txt").doesNotContain("<script");
  }

  @Test
  void aCrashingPodComesWithItsLastLogLinesAndEventsAndEverythingIsEscaped() throws Exception {
    Files.writeString(dir.resolve("nodes.txt"), String.join("\n",
        "NAME                    STATUS     ROLES                  AGE   VERSION   INTERNAL-IP",
        "kube-master             Ready      control-plane,master   5m    v1.20.2   10.192.0.2",
        "kube-node-1             NotReady   <none>                 4m    v1.20.2   10.192.0.3", ""));
    Files.writeString(dir.resolve("kubectl-all.txt"), String.join("\n",
        "NAMESPACE     NAME                    READY   STATUS             RESTARTS   AGE   IP           NODE",
        "default       pod/web-7d9c            0/1     CrashLoopBackOff   5          3m    10.244.2.4   kube-node-1",
        "default       pod/job-1               0/1     Completed          0          3m    10.244.2.5   kube-node-1",
        "kube-system   pod/cluster-dns-x       1/1     Running            0          5m    10.192.0.2   kube-master",
        "",
        "NAMESPACE   NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE",
        "default     service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   5m", ""));
    StringBuilder log = new StringBuilder();
    for (int i = 1; i <= 30; i++) {
      log.append("line ").append(i).append('\n');
    }
    log.append("panic: <script>alert(1)</script> & done\n");
    Files.writeString(dir.resolve("pod-kube-node-1-default-web-7d9c--web.log"), log);
    Files.writeString(dir.resolve("events.txt"), String.join("\n",
        "NAMESPACE   LAST SEEN              TYPE      REASON         OBJECT             COUNT   MESSAGE",
        "default     2026-12-01T10:00:09Z   Warning   BackOff        pod/web-7d9c       7       Back-off restarting failed container",
        "default     2026-12-01T10:00:01Z   Normal    Pulled         pod/web-7d9c       1       Container image present",
        "default     2026-12-01T10:00:05Z   Warning   NodeNotReady   node/kube-node-1   1       Node is not ready", ""));
    DumpReport report = DumpReport.read(dir);
    assertThat(report.problemPods()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("web-7d9c");
      assertThat(p.status()).isEqualTo("CrashLoopBackOff");
      assertThat(p.restarts()).isEqualTo(5);
      assertThat(p.logs()).singleElement().satisfies(t -> {
        assertThat(t.lines()).hasSize(DumpReport.LOG_LINES).endsWith("panic: <script>alert(1)</script> & done");
      });
      assertThat(p.events()).extracting(e -> e.get("REASON")).containsExactly("BackOff", "Pulled");
    });
    assertThat(report.warningEvents()).extracting(e -> e.get("REASON")).containsExactly("NodeNotReady", "BackOff");
    assertThat(report.summary()).isEqualTo(String.join("\n",
        "2 nodes, 1 Ready; not Ready: kube-node-1 (NotReady)",
        "1 pod not Ready or restarted:",
        "  default/web-7d9c CrashLoopBackOff (ready 0/1, restarts 5)",
        "2 warning events, latest:",
        "  2026-12-01T10:00:05Z NodeNotReady node/kube-node-1: Node is not ready",
        "  2026-12-01T10:00:09Z BackOff pod/web-7d9c: Back-off restarting failed container", ""));
    String html = report.html();
    assertThat(html).contains("panic: &lt;script&gt;alert(1)&lt;/script&gt; &amp; done").doesNotContain("<script>")
        .contains("<td class=\"bad\">NotReady</td>").contains("Content-Security-Policy");
  }
}
