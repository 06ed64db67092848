package dev.dindcluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerdSupportTest {
  @ParameterizedTest(name = "Kubernetes {0} on containerd {1}: refused {2}, warned {3}")
  @CsvSource({
      // Debian bookworm's containerd (the node base today) as `containerd --version` and dpkg spell it
      "v1.20.2,  1.6.20~ds1,  false, false",
      "v1.31.0,  1.6.20,      false, false",
      "v1.32.4,  1.6.20~ds1,  false, true",
      "v1.35.9,  1.7.24,      false, true",   // trixie's 1.7.24: below 1.7.28
      "v1.35.9,  1.7.28,      false, false",
      "v1.35.9,  2.1.5,       false, false",
      "v1.35.9,  2.1.4,       false, true",
      "v1.36.4,  2.1.9,       false, true",   // sid's 2.1.9: 1.36 wants 2.2
      "v1.36.4,  2.2.0,       false, false",
      "v1.37.1,  v2.2.1,      false, false",
      "v1.38.0,  1.7.28,      true,  true",
      "v1.38.0-alpha.1, 1.6.20, true, true",
      "v1.38.0,  2.2.0,       false, false",
  })
  void rules(String kubernetes, String containerd, boolean refused, boolean warned) {
    KubernetesVersion version = KubernetesVersion.parse(kubernetes);
    assertThat(ContainerdSupport.refusal(version, containerd).isPresent()).isEqualTo(refused);
    assertThat(ContainerdSupport.warning(version, containerd).isPresent()).isEqualTo(warned);
    ContainerdSupport.refusal(version, containerd).ifPresent(why -> assertThat(why)
        .contains(kubernetes, "containerd 2.0", "RuntimeConfig", "1.37 or earlier"));
  }
}
