package dev.dindcluster.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeconfigPathTest {
  @Test
  void firstKubeconfigPathElseHome() {
    assertThat(KubeconfigPath.resolve(Map.of("KUBECONFIG", "/a/one:/b/two", "HOME", "/root"))).isEqualTo(Path.of("/a/one"));
    assertThat(KubeconfigPath.resolve(Map.of("KUBECONFIG", ":/b/two"))).isEqualTo(Path.of("/b/two"));
    assertThat(KubeconfigPath.resolve(Map.of("HOME", "/home/u"))).isEqualTo(Path.of("/home/u/.kube/config"));
    assertThatThrownBy(() -> KubeconfigPath.resolve(Map.of())).isInstanceOf(IllegalArgumentException.class);
    assertThat(KubeconfigPath.resolve(Map.of("KUBECONFIG", "kubeconfig"))).isEqualTo(Path.of("kubeconfig").toAbsolutePath());
  }

  @Test
  void entriesAreTlsOnly() {
    assertThatThrownBy(() -> new KubeconfigEntry("dind", "http://127.0.0.1:8080", "a", "b", "c"))
        .hasMessage("server 'http://127.0.0.1:8080': must be an https:// URL (TLS only)");
  }
}
