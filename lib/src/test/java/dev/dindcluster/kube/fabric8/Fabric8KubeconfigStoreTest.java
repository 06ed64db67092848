package dev.dindcluster.kube.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dindcluster.kube.KubeFailure;
import dev.dindcluster.kube.KubeconfigEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Fabric8KubeconfigStoreTest {
  /** A user's existing kubeconfig with things our model does not know: an exec plugin and extensions. */
  static final String EXISTING = String.join("\n",
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      "- name: prod",
      "  cluster:",
      "    server: https://prod.example:6443",
      "    insecure-skip-tls-verify: true",
      "    extensions:",
      "    - name: client.authentication.k8s.io/exec",
      "      extension: {audience: prod}",
      "users:",
      "- name: prod-admin",
      "  user:",
      "    exec:",
      "      apiVersion: client.authentication.k8s.io/v1beta1",
      "      command: prod-login",
      "      args: [--cluster, prod]",
      "contexts:",
      "- name: prod",
      "  context: {cluster: prod, user: prod-admin, namespace: payments}",
      "current-context: prod",
      "preferences: {}",
      "");

  // kubeadm's admin.conf layout, shared with the store contract.
  static final String ADMIN_CONF = dev.dindcluster.kube.KubeconfigStoreContract.ADMIN_CONF;

  private static KubeconfigEntry entry(String name, int port) {
    return new KubeconfigEntry(name, "https://127.0.0.1:" + port, "Q0EtREFUQQ==", "Q0VSVA==", "S0VZ");
  }

  private static Fabric8KubeconfigStore store(Path file) {
    return new Fabric8KubeconfigStore(file, Duration.ofSeconds(2));
  }

  @Test
  void anExistingFileKeepsItsModeAndOwner(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config"), EXISTING);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    }
    store(file).merge(entry("dind", 32768), false);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    if (root) {
      assertThat(Files.getOwner(file).getName()).isEqualTo("nobody");
    }
    assertThat(store(file).read("dind")).isPresent();
  }

  @Test
  void aReadOnlyFileIsRefusedNotMadeWritable(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config"), EXISTING);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    assertThatThrownBy(() -> store(file).merge(entry("dind", 32768), true))
        .isInstanceOf(dev.dindcluster.kube.KubeFailure.class).hasMessageContaining("read-only");
    assertThat(Files.readString(file)).isEqualTo(EXISTING);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--------");
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("config");
    }
  }

  @Test
  void aBareFileNameInKubeconfigWorks() {
    // KUBECONFIG=kubeconfig: relative to the working directory, as kubectl takes it (it once failed with an NPE).
    Path relative = Path.of("target", "bare-kubeconfig-test");
    try {
      Fabric8KubeconfigStore store = Fabric8KubeconfigStore.forEnv(java.util.Map.of("KUBECONFIG", relative.toString()));
      assertThat(store.path()).isAbsolute();
      store.merge(entry("dind", 32768), true);
      assertThat(store.read("dind")).isPresent();
      try (KubeconfigLock lock = KubeconfigLock.acquire(Path.of("bare-lock-test"), Duration.ofSeconds(1))) {
        assertThat(Path.of("bare-lock-test.lock")).exists();
      }
    } finally {
      relative.toFile().delete();
    }
  }

  @Test
  void mergesIntoANewFileAtMode0600(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(".kube/config");
    Fabric8KubeconfigStore store = store(file);
    store.merge(entry("dind", 32768), true);
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(store.read("dind")).contains(entry("dind", 32768));
    assertThat(store.currentContext()).contains("dind");
    assertThat(Files.exists(dir.resolve(".kube/config.lock"))).isFalse();
    assertThat(Files.readString(file)).contains("server: https://127.0.0.1:32768").contains("kind: Config");
  }

  @Test
  void leavesOtherEntriesAsTheyWere(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config"), EXISTING);
    Fabric8KubeconfigStore store = store(file);
    store.merge(entry("dind-2", 40000), false);
    assertThat(store.currentContext()).contains("prod");
    assertThat(store.contextNames()).containsExactly("prod", "dind-2");

    store.remove("dind-2");
    // Everything of the user's survives the round trip, unknown fields included.
    assertThat(yamlTree(Files.readString(file))).isEqualTo(yamlTree(EXISTING));
  }

  @Test
  void replacesItsOwnEntryAndMovesTheCurrentContext(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config"), EXISTING);
    Fabric8KubeconfigStore store = store(file);
    store.merge(entry("dind", 1111), false);
    store.merge(entry("dind", 2222), true);
    assertThat(store.read("dind")).contains(entry("dind", 2222));
    assertThat(store.contextNames()).containsExactly("prod", "dind");
    assertThat(store.currentContext()).contains("dind");

    assertThat(store.remove("dind")).isTrue();
    assertThat(store.remove("dind")).isFalse();
    assertThat(store.read("dind")).isEmpty();
    assertThat(store.currentContext()).isEmpty(); // not left pointing at nothing
    assertThat(store.read("prod")).isEmpty(); // exec user: not an entry of ours, but untouched
    assertThat(Files.readString(file)).contains("command: prod-login");
  }

  @Test
  void readsKubeadmAdminConf(@TempDir Path dir) {
    KubeconfigEntry admin = store(dir.resolve("config")).entryFrom(ADMIN_CONF, "dind");
    assertThat(admin).isEqualTo(new KubeconfigEntry("dind", "https://10.192.0.2:6443", "Q0EtREFUQQ==", "Q0VSVA==", "S0VZ"));
    assertThat(admin.withServer("https://127.0.0.1:5000").server()).isEqualTo("https://127.0.0.1:5000");
    assertThat(admin.toString()).doesNotContain("S0VZ");
    assertThatThrownBy(() -> store(dir.resolve("config")).entryFrom("apiVersion: v1\n", "dind"))
        .isInstanceOf(KubeFailure.class).hasMessageContaining("no current-context");
  }

  @Test
  void anEntryWritesAStandaloneKubeconfigThatReadsBack(@TempDir Path dir) {
    KubeconfigEntry odd = new KubeconfigEntry("dind-\"x\"", "https://[::1]:6443", "Q0E=", "Q0VSVA==", "S0VZ");
    assertThat(store(dir.resolve("c")).entryFrom(odd.toKubeconfigYaml(), odd.name())).isEqualTo(odd);
  }

  @Test
  void aHeldLockMakesWritersWaitThenFailClearly(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("config");
    Files.createFile(dir.resolve("config.lock")); // e.g. a kubectl in the middle of a write
    assertThatThrownBy(() -> store(file).merge(entry("dind", 1), true))
        .isInstanceOf(KubeFailure.class)
        .hasMessageContaining("config.lock")
        .hasMessageContaining("remove it if no kubectl or dind-cluster is running");
    assertThat(Files.exists(file)).isFalse();
  }

  @Test
  void concurrentMergesLoseNothing(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("config");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        int id = i;
        futures.add(pool.submit(() -> store(file).merge(entry("dind-" + id, 30000 + id), false)));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(store(file).contextNames()).hasSize(12);
  }

  @Test
  void notYamlIsReportedWithTheFileName(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config"), "clusters: [unclosed\n");
    assertThatThrownBy(() -> store(file).merge(entry("dind", 1), true))
        .isInstanceOf(KubeFailure.class).hasMessageContaining(file.toString()).hasMessageContaining("not valid YAML");
    assertThat(Files.readString(file)).isEqualTo("clusters: [unclosed\n");
  }

  private static Object yamlTree(String text) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
        .readValue(text, Object.class);
  }
}
