package dev.dindcluster.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link KubeconfigStore} does, run against the real one (a file, through fabric8's
 * model) and the in-memory fake, so tests that use the fake can trust it.
 */
public abstract class KubeconfigStoreContract {
  /** kubeadm's admin.conf layout, with shortened data. */
  public static final String ADMIN_CONF = String.join("\n",
      "apiVersion: v1",
      "clusters:",
      "- cluster:",
      "    certificate-authority-data: Q0EtREFUQQ==",
      "    server: https://10.192.0.2:6443",
      "  name: kubernetes",
      "contexts:",
      "- context:",
      "    cluster: kubernetes",
      "    user: kubernetes-admin",
      "  name: kubernetes-admin@kubernetes",
      "current-context: kubernetes-admin@kubernetes",
      "kind: Config",
      "preferences: {}",
      "users:",
      "- name: kubernetes-admin",
      "  user:",
      "    client-certificate-data: Q0VSVA==",
      "    client-key-data: S0VZ",
      "");

  @TempDir Path dir;

  /** A store for a kubeconfig that does not exist yet, under {@code dir}. */
  protected abstract KubeconfigStore newStore(Path dir);

  private static KubeconfigEntry entry(String name, int port) {
    return new KubeconfigEntry(name, "https://127.0.0.1:" + port, "Q0EtREFUQQ==", "Q0VSVA==", "S0VZ");
  }

  @Test
  void anEmptyStoreHasNoContexts() {
    KubeconfigStore store = newStore(dir);
    assertThat(store.contextNames()).isEmpty();
    assertThat(store.currentContext()).isEmpty();
    assertThat(store.read("dind")).isEmpty();
    assertThat(store.remove("dind")).isFalse();
  }

  @Test
  void aMergedEntryReadsBackAndCanBeMadeCurrent() {
    KubeconfigStore store = newStore(dir);
    store.merge(entry("dind", 1111), false);
    assertThat(store.read("dind")).contains(entry("dind", 1111));
    assertThat(store.currentContext()).isEmpty();
    store.merge(entry("dind-cluster-3", 2222), true);
    assertThat(store.contextNames()).containsExactlyInAnyOrder("dind", "dind-cluster-3");
    assertThat(store.currentContext()).contains("dind-cluster-3");
  }

  @Test
  void mergingTheSameNameReplacesTheEntry() {
    KubeconfigStore store = newStore(dir);
    store.merge(entry("dind", 1111), true);
    store.merge(entry("dind", 3333), true);
    assertThat(store.contextNames()).containsExactly("dind");
    assertThat(store.read("dind").orElseThrow().server()).isEqualTo("https://127.0.0.1:3333");
  }

  @Test
  void removingTheCurrentContextUnsetsItAndLeavesTheOthers() {
    KubeconfigStore store = newStore(dir);
    store.merge(entry("other", 1111), false);
    store.merge(entry("dind", 2222), true);
    assertThat(store.remove("dind")).isTrue();
    assertThat(store.remove("dind")).isFalse();
    assertThat(store.contextNames()).containsExactly("other");
    assertThat(store.currentContext()).isEmpty();
    assertThat(store.read("other")).contains(entry("other", 1111));
  }

  @Test
  void kubeadmsAdminConfBecomesAnEntryOfTheGivenNameWithItsServer() {
    KubeconfigEntry e = newStore(dir).entryFrom(ADMIN_CONF, "dind");
    assertThat(e).isEqualTo(new KubeconfigEntry("dind", "https://10.192.0.2:6443", "Q0EtREFUQQ==", "Q0VSVA==", "S0VZ"));
  }
}
