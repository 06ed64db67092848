package dev.dindcluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.kube.FakeKubeApi;
import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.kube.KubeconfigEntry;
import dev.dindcluster.kube.KubeconfigStore;
import dev.dindcluster.kube.PodStatus;
import dev.dindcluster.kube.fabric8.Fabric8KubeconfigStore;
import dev.dindcluster.lifecycle.Adapters;
import dev.dindcluster.lifecycle.ClusterLabels;
import dev.dindcluster.net.ClusterAddressing;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.NodePlan;
import dev.dindcluster.plan.Planner;
import dev.dindcluster.runtime.ExecResult;
import dev.dindcluster.runtime.FakeNodeRuntime;
import dev.dindcluster.runtime.NodeRuntime;
import dev.dindcluster.runtime.NodeSpec;
import dev.dindcluster.runtime.PortMapping;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dump and dump64 of a "live" cluster through the command line, with the fake engine and a fake API. */
class LiveDumpCommandTest {
  @TempDir Path work;
  private final Map<String, String> env = Map.of("CLUSTER_ID", "5", "DIND_LABEL", "t");
  private final ClusterPlan plan = Planner.plan(env, CliHarness.RELEASE, () -> 7);
  private final FakeNodeRuntime runtime = new FakeNodeRuntime().addImage(plan.image(), Map.of());
  private final FakeKubeApi kube = new FakeKubeApi();
  private final List<KubeconfigEntry> connected = new ArrayList<>();
  private KubeconfigStore store;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() {
    store = new Fabric8KubeconfigStore(work.resolve("kubeconfig"), java.time.Duration.ofSeconds(2));
    runtime.onExec((node, request) -> new ExecResult(0, "ran " + request.display() + " on " + node + "\n", ""));
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    Adapters adapters = new Adapters() {
      @Override public NodeRuntime runtime() { return runtime; }
      @Override public KubeconfigStore kubeconfigs() { return store; }
      @Override public Function<KubeconfigEntry, KubeApi> kubeApis() {
        return entry -> {
          connected.add(entry);
          return kube;
        };
      }
    };
    // HOME: lifecycle commands keep their cluster lock in the user's own directory.
    Map<String, String> withHome = new java.util.HashMap<>(env);
    withHome.put("HOME", work.toString());
    CliContext context = new CliContext(CliHarness.RELEASE, withHome, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        work, () -> 7, adapters);
    return Cli.run(context, args);
  }

  private void startNodes() {
    for (NodePlan node : plan.nodes()) {
      NodeSpec.Builder spec = NodeSpec.builder(node.name(), plan.image()).labels(ClusterLabels.node(plan, node.role().jsonName));
      if (node.role() == NodePlan.Role.MASTER) {
        spec.port(new PortMapping("127.0.0.1", 0, ClusterAddressing.INTERNAL_APISERVER_PORT));
      }
      runtime.run(spec.build());
    }
    store.merge(new KubeconfigEntry(plan.context(), "https://127.0.0.1:4443", "Q0E=", "Q0VSVA==", "S0VZ"), false);
    kube.pod("kube-system", "kube-proxy-x", plan.master().name(), new PodStatus.Container("kube-proxy", "img", true, 0));
    kube.logs.put("kube-system/kube-proxy-x/kube-proxy", "proxy log with --token abcdef.0123456789abcdef\n");
  }

  @Test
  void aClusterWithoutRunningNodesIsTheWrongState() {
    for (String command : List.of("dump", "dump64")) {
      assertThat(run(command)).isEqualTo(3);
      assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains(command + ": cluster dind-t-5 has no running node containers")
          .contains("labelled dev.dindcluster.cluster=t-5")
          .contains(command + " --from-file FILE");
    }
  }

  @Test
  void dumpCollectsTheRunningClusterRedacted() {
    startNodes();
    assertThat(run("dump")).isZero();
    String dump = out.toString(StandardCharsets.UTF_8);
    assertThat(dump).startsWith("*** Dumping cluster state ***\n@@@ service-kube-master-t-5-kubelet.service.log @@@\n")
        .contains("@@@ ip-r-kube-node-2-t-5.txt @@@\nran sh -c exec 2>&1; ip r on kube-node-2-t-5\n")
        .contains("@@@ pod-kube-master-t-5-kube-system-kube-proxy-x--kube-proxy.log @@@\nproxy log with --token <redacted>\n")
        .contains("@@@ kubectl-all.txt @@@\n", "@@@ describe-all.txt @@@\n", "@@@ nodes.txt @@@\n", "@@@ events.txt @@@\n")
        .doesNotContain("0123456789abcdef");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("dump: cluster dind-t-5, running nodes kube-master-t-5, kube-node-1-t-5, kube-node-2-t-5; API https://127.0.0.1:4443")
        .contains("dump: done in ");
    assertThat(connected).extracting(KubeconfigEntry::server).containsExactly("https://127.0.0.1:4443");
    assertThat(kube.closed).isTrue();
  }

  @Test
  void dump64CompressesTheSameDumpInProcess() throws IOException {
    startNodes();
    assertThat(run("dump")).isZero();
    String plain = out.toString(StandardCharsets.UTF_8);
    assertThat(run("dump64")).isZero();
    String blob = out.toString(StandardCharsets.UTF_8);
    assertThat(blob).startsWith("%%% start-base64 %%%\nXQAAgAD//////////").endsWith("%%% end-base64 %%%\n");
    // Only execs in the nodes' own commands: nothing was piped through lzma in the master.
    assertThat(runtime.journal()).noneMatch(line -> line.contains("lzma"));

    Files.writeString(work.resolve("log.txt"), blob);
    assertThat(run("split-dump64", "--output", "from64", "log.txt")).isZero();
    Files.writeString(work.resolve("plain.txt"), plain);
    assertThat(run("split-dump", "--output", "fromplain", "plain.txt")).isZero();
    try (var files = Files.list(work.resolve("fromplain"))) {
      List<Path> names = files.sorted().toList();
      assertThat(names).hasSize(18 + 1 + 4);
      for (Path file : names) {
        // Same sections; the tables' AGE column may have moved on between the two runs.
        if (!file.getFileName().toString().matches("kubectl-all.txt|nodes.txt|describe-all.txt")) {
          assertThat(work.resolve("from64").resolve(file.getFileName())).hasSameBinaryContentAs(file);
        }
      }
    }
  }

  @Test
  void exportLogsWritesTheFilesAndTheReportInOneStep() throws IOException {
    startNodes();
    long temporaryBefore = exportTemporaries();
    assertThat(run("export-logs", "logs")).isZero();
    Path dir = work.resolve("logs");
    assertThat(dir.resolve("index.html")).exists();
    assertThat(Files.readString(dir.resolve("pod-" + plan.master().name() + "-kube-system-kube-proxy-x--kube-proxy.log")))
        .doesNotContain("0123456789abcdef");
    String stdout = out.toString(StandardCharsets.UTF_8);
    assertThat(stdout).contains("logs/nodes.txt").contains("report: logs/index.html").contains("every pod Ready, none restarted");
    assertThat(exportTemporaries()).as("the temporary plain dump is removed").isEqualTo(temporaryBefore);
  }

  private static long exportTemporaries() throws IOException {
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(p -> p.getFileName().toString().startsWith("dind-cluster-export-")).count();
    }
  }

  @Test
  void listShowsEveryClusterOnTheEngineAndNothingElse() {
    startNodes();
    runtime.createVolume("kubeadm-dind-kube-master-other", Map.of(ClusterLabels.CLUSTER, "other", ClusterLabels.CLUSTER_ID, "12"));
    runtime.run(NodeSpec.builder("unrelated", plan.image()).label("mirantis.kubeadm_dind_cluster_runtime", "").build());
    assertThat(run("list")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n",
        "CLUSTER   ID   STATE   NODES         VOLUMES   NETWORK",
        "other     12   down    0/0 running   1         -",
        "t-5       -    up      3/3 running   0         -", ""));
    assertThat(run("list", "--json")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"label\": \"t-5\"").contains("\"state\": \"down\"");
    assertThat(run("list", "-o", "yaml")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("- label: other\n  clusterId: 12\n  state: down\n");
  }

  @Test
  void nodesShowsEachPlannedNodeWithItsContainerStateUpOrNot() throws IOException {
    assertThat(run("nodes")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).replaceAll(" +", " ")).isEqualTo(String.join("\n",
        "NAME ROLE CONTAINER ADDRESSES ZONE",
        "kube-master-t-5 master missing 10.192.5.2 -",
        "kube-node-1-t-5 worker missing 10.192.5.3 -",
        "kube-node-2-t-5 worker missing 10.192.5.4 -", ""));
    startNodes();
    runtime.stopContainer("kube-node-2-t-5", java.time.Duration.ZERO);
    assertThat(run("nodes", "-o", "json")).isZero();
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(json.at("/0/container").asText()).isEqualTo("running");
    assertThat(json.at("/2/container").asText()).isEqualTo("exited");
    assertThat(json.at("/1/podCidrs/0").asText()).isEqualTo("10.244.2.0/24");
    assertThat(json.at("/1/volume").asText()).isEqualTo("kubeadm-dind-kube-node-1-t-5");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void cleanWithKubeconfigForgetsTheContextInThatFileOnly() throws IOException {
    String config = String.join("\n", "apiVersion: v1", "kind: Config",
        "clusters:", "- name: dind-t-5", "  cluster: {server: 'https://127.0.0.1:1'}",
        "contexts:", "- name: dind-t-5", "  context: {cluster: dind-t-5, user: dind-t-5}",
        "- name: keep", "  context: {cluster: dind-t-5, user: dind-t-5}",
        "current-context: keep", "users:", "- name: dind-t-5", "  user: {}", "");
    Files.writeString(work.resolve("kubeconfig"), config);
    Files.createDirectories(work.resolve("sub"));
    Files.writeString(work.resolve("sub/kc"), config);
    assertThat(run("clean", "-q", "--kubeconfig", "sub/kc")).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(Files.readString(work.resolve("sub/kc"))).doesNotContain("name: dind-t-5\n  context").contains("name: keep");
    assertThat(Files.readString(work.resolve("kubeconfig"))).isEqualTo(config);
  }

  @Test
  void anUnknownOutputFormatIsAUsageError() {
    assertThat(run("nodes", "-o", "xml")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("xml").contains("text, json, yaml");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void statusPrintsTheSameAsData() throws IOException {
    startNodes();
    assertThat(run("status", "-o", "yaml")).isZero();
    String yaml = out.toString(StandardCharsets.UTF_8);
    assertThat(yaml).contains("state: running\n").contains("- name: kube-master-t-5\n  container: running\n").contains("nextUp: full bring-up\n");
  }

  @Test
  void kubeconfigPrintsTheAdminCredentialsOrWritesAPrivateFile() throws IOException {
    startNodes();
    runtime.onExec((node, request) -> request.display().equals("cat /etc/kubernetes/admin.conf")
        ? new ExecResult(0, dev.dindcluster.lifecycle.ApiAccessTestData.ADMIN_CONF, "")
        : new ExecResult(1, "", "unexpected"));
    assertThat(run("kubeconfig")).isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("current-context: \"" + plan.context() + "\"").contains("server: \"https://127.0.0.1:")
        .contains("client-key-data: \"S0VZ\"");
    assertThat(run("kubeconfig", "--output", "kc")).isZero();
    assertThat(Files.readString(work.resolve("kc"))).isEqualTo(printed);
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("kc"))))
        .isEqualTo("rw-------");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
