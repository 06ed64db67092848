package dev.dindcluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KubernetesVersionTest {
  @ParameterizedTest
  @CsvSource({"v1.10.13,10,13,''", "v1.24.0,24,0,''", "v1.36.0-rc.1,36,0,rc.1", "v1.8.0,8,0,''", "v1.38.0-alpha.2,38,0,alpha.2"})
  void parsesReleasesAndPreReleases(String text, int minor, int patch, String pre) {
    KubernetesVersion v = KubernetesVersion.parse(text);
    assertThat(v.minor()).isEqualTo(minor);
    assertThat(v.patch()).isEqualTo(patch);
    assertThat(v.preRelease()).isEqualTo(pre);
    assertThat(v.toString()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.20.2", "v1.20", "v1.7.16", "v2.0.0", "v1.20.2-foo.1", "v01.20.2", "v1.020.2", "v1.20.2 ", "", "latest", "v1.36.0-rc"})
  void rejectsAnythingElseNamingTheValue(String text) {
    assertThatThrownBy(() -> KubernetesVersion.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining("v1.20.2");
  }

  @Test
  void ordersPreReleasesBeforeTheRelease() {
    List<String> sorted = List.of("v1.36.0", "v1.36.0-rc.1", "v1.36.0-alpha.3", "v1.35.9", "v1.36.0-beta.0", "v1.36.1").stream()
        .map(KubernetesVersion::parse).sorted().map(Object::toString).toList();
    assertThat(sorted).containsExactly("v1.35.9", "v1.36.0-alpha.3", "v1.36.0-beta.0", "v1.36.0-rc.1", "v1.36.0", "v1.36.1");
  }

  @Test
  void aPreReleaseOfAMinorAlreadyHasItsCutOvers() {
    assertThat(KubernetesVersion.parse("v1.24.0-rc.1").atLeast(24)).isTrue();
    assertThat(KubernetesVersion.parse("v1.23.17").atLeast(24)).isFalse();
  }
}
