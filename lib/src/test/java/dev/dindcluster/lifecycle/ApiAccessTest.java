package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.kube.FakeKubeApi;
import dev.dindcluster.kube.KubeconfigEntry;
import dev.dindcluster.kube.fabric8.Fabric8KubeconfigStore;
import dev.dindcluster.net.ClusterAddressing;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.runtime.ExecResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a dump reaches the API server: the stored context first, else the master's admin.conf at the published port. */
class ApiAccessTest {
  static final String ADMIN_CONF = ApiAccessTestData.ADMIN_CONF;

  @TempDir Path dir;
  private final LiveClusterFixture cluster = new LiveClusterFixture();
  private Fabric8KubeconfigStore store;
  /** Each client the access code asks for, by the server it was given; its readiness set per server. */
  private final List<KubeconfigEntry> asked = new ArrayList<>();
  private final Map<String, FakeKubeApi> apis = new HashMap<>();

  @BeforeEach
  void setUp() {
    store = new Fabric8KubeconfigStore(dir.resolve("config"), Duration.ofSeconds(2));
    cluster.runtime.onExec((node, request) -> request.display().equals("cat /etc/kubernetes/admin.conf")
        ? new ExecResult(0, ADMIN_CONF, "") : new ExecResult(1, "", "unexpected: " + request.display()));
  }

  private FakeKubeApi api(String server, boolean ready) {
    FakeKubeApi api = new FakeKubeApi();
    api.ready = ready;
    apis.put(server, api);
    return api;
  }

  private ApiConnection connect() {
    return ApiAccess.connect(cluster.plan, cluster.runtime, store, entry -> {
      asked.add(entry);
      return apis.computeIfAbsent(entry.server(), s -> {
        FakeKubeApi unknown = new FakeKubeApi();
        unknown.ready = false;
        unknown.failing.add("nodes");
        return unknown;
      });
    });
  }

  private String publishedServer() {
    int port = cluster.runtime.publishedPort(cluster.nodeName(0), ClusterAddressing.INTERNAL_APISERVER_PORT).orElseThrow().hostPort();
    return "https://127.0.0.1:" + port;
  }

  @Test
  void theStoredContextIsUsedWhenItAnswers() {
    cluster.node(0, true);
    store.merge(new KubeconfigEntry(cluster.plan.context(), "https://127.0.0.1:4443", "Q0E=", "Q0VSVA==", "S0VZ"), false);
    FakeKubeApi stored = api("https://127.0.0.1:4443", true);
    try (ApiConnection connection = connect()) {
      assertThat(connection.api()).isSameAs(stored);
      assertThat(connection.server()).isEqualTo("https://127.0.0.1:4443");
    }
    assertThat(stored.closed).isTrue();
    assertThat(cluster.runtime.journal()).noneMatch(line -> line.startsWith("exec"));
  }

  @Test
  void aStaleContextFallsBackToAdminConfAtThePublishedPort() {
    cluster.node(0, true);
    store.merge(new KubeconfigEntry(cluster.plan.context(), "https://127.0.0.1:4443", "Q0E=", "Q0VSVA==", "S0VZ"), false);
    FakeKubeApi stale = api("https://127.0.0.1:4443", false);
    FakeKubeApi admin = api(publishedServer(), true);
    ApiConnection connection = connect();
    assertThat(connection.api()).isSameAs(admin);
    assertThat(stale.closed).isTrue();
    KubeconfigEntry used = asked.get(1);
    assertThat(used.server()).isEqualTo(publishedServer());
    assertThat(used.clientKeyData()).isEqualTo("S0VZ");
    assertThat(store.read(cluster.plan.context()).orElseThrow().server()).isEqualTo("https://127.0.0.1:4443"); // not rewritten
  }

  @Test
  void aServerThatIsNotReadyButAnswersIsStillUsed() {
    cluster.node(0, true);
    api(publishedServer(), false);
    ApiConnection connection = connect();
    assertThat(connection.isAvailable()).isTrue();
    assertThat(connection.server()).isEqualTo(publishedServer() + " (not ready: /readyz failed)");
  }

  @Test
  void noAnswerAnywhereSaysWhatWasTried() {
    cluster.node(0, true);
    ApiConnection connection = connect();
    assertThat(connection.isAvailable()).isFalse();
    assertThat(connection.unavailableReason())
        .contains("no context 'dind-t-5' in " + dir.resolve("config"))
        .contains("admin.conf credentials at " + publishedServer() + ": nodes: injected failure");
  }

  @Test
  void aStoppedMasterMeansNoApi() {
    cluster.node(0, false).node(1, true);
    ApiConnection connection = connect();
    assertThat(connection.unavailableReason()).isEqualTo("the master container 'kube-master-t-5' is not running");
    assertThat(asked).isEmpty();
  }
}
