package dev.dindcluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionCutOversTest {
  @ParameterizedTest
  @CsvSource({
      "v1.8.15,v1alpha1", "v1.10.13,v1alpha1", "v1.11.0,v1alpha2", "v1.12.10,v1alpha3", "v1.13.0,v1beta1",
      "v1.14.10,v1beta1", "v1.15.0,v1beta2", "v1.20.2,v1beta2", "v1.22.17,v1beta2", "v1.23.0,v1beta3",
      "v1.30.14,v1beta3", "v1.31.0-rc.1,v1beta4", "v1.31.0,v1beta4", "v1.36.0-rc.1,v1beta4", "v1.37.1,v1beta4"})
  void kubeadmApiPerVersion(String version, String api) {
    assertThat(KubeadmApi.forVersion(KubernetesVersion.parse(version)).apiVersion()).isEqualTo("kubeadm.k8s.io/" + api);
  }

  @ParameterizedTest
  @CsvSource({"v1.10.5,docker", "v1.23.17,docker", "v1.24.0,containerd", "v1.37.1,containerd"})
  void nodeRuntimePerVersion(String version, String cri) {
    assertThat(VersionRules.defaultCri(KubernetesVersion.parse(version))).isEqualTo(cri);
  }

  @ParameterizedTest
  @CsvSource({"v1.17.17,false", "v1.18.0,true", "v1.20.2,true", "v1.21.0,false", "v1.37.1,false"})
  void startupProbesWaitForThePeriodicSyncFrom118Until121(String version, boolean waits) {
    assertThat(VersionRules.startupProbeWaitsForPeriodicSync(KubernetesVersion.parse(version))).isEqualTo(waits);
  }

  @Test
  void combinationsThatCannotWorkAreNamedWithWhatWould() {
    assertThat(VersionRules.unsupported(KubernetesVersion.parse("v1.24.0"), "docker", 1)).get().asString()
        .contains("v1.24.0", "dockershim", "DIND_CRI=containerd");
    assertThat(VersionRules.unsupported(KubernetesVersion.parse("v1.12.10"), "containerd", 1)).get().asString()
        .contains("v1.12.10", "v1.13", "DIND_CRI=docker");
    assertThat(VersionRules.unsupported(KubernetesVersion.parse("v1.10.5"), "docker", 2)).get().asString()
        .contains("cgroup v2", "v1.10.5", "the oldest version that runs on this host is v1.19");
    assertThat(VersionRules.unsupported(KubernetesVersion.parse("v1.10.5"), "docker", 1)).isEmpty();
    assertThat(VersionRules.unsupported(KubernetesVersion.parse("v1.19.0"), "docker", 2)).isEmpty();
    assertThat(VersionRules.unsupported(KubernetesVersion.parse("v1.37.1"), "containerd", 1)).isEmpty();
    assertThat(VersionRules.unsupported(KubernetesVersion.parse("v1.20.2"), "containerd", 0)).isEmpty();
  }

  @Test
  void preflightFlagOfKubeadm18() {
    assertThat(VersionRules.ignorePreflightFlag(KubernetesVersion.parse("v1.8.15"))).isEqualTo("--skip-preflight-checks");
    assertThat(VersionRules.ignorePreflightFlag(KubernetesVersion.parse("v1.9.0"))).isEqualTo("--ignore-preflight-errors=all");
  }
}
