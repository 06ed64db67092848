package dev.dindcluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentImagesTest {
  private static List<String> nodeRefs(String version) {
    return ComponentImages.forVersion(KubernetesVersion.parse(version)).stream().map(ComponentImages.Image::nodeRef).toList();
  }

  @Test
  void kubeadm110NamesImagesPerArchitectureAndRunsKubeDns() {
    assertThat(nodeRefs("v1.10.5")).containsExactly(
        "dind-cluster.local/kube-apiserver-amd64:v1.10.5", "dind-cluster.local/kube-controller-manager-amd64:v1.10.5",
        "dind-cluster.local/kube-scheduler-amd64:v1.10.5", "dind-cluster.local/kube-proxy-amd64:v1.10.5",
        "dind-cluster.local/etcd-amd64:3.1.12", "dind-cluster.local/pause-amd64:3.1",
        "dind-cluster.local/k8s-dns-kube-dns-amd64:1.14.8", "dind-cluster.local/k8s-dns-dnsmasq-nanny-amd64:1.14.8",
        "dind-cluster.local/k8s-dns-sidecar-amd64:1.14.8");
    assertThat(ComponentImages.dnsAddonName(KubernetesVersion.parse("v1.10.5"))).isEqualTo("kube-dns");
  }

  @Test
  void kubeadm120MatchesWhatItsConfigImagesListPrints() {
    // `kubeadm config images list --image-repository dind-cluster.local --kubernetes-version v1.20.2`
    assertThat(nodeRefs("v1.20.2")).containsExactly(
        "dind-cluster.local/kube-apiserver:v1.20.2", "dind-cluster.local/kube-controller-manager:v1.20.2",
        "dind-cluster.local/kube-scheduler:v1.20.2", "dind-cluster.local/kube-proxy:v1.20.2",
        "dind-cluster.local/etcd:3.4.13-0", "dind-cluster.local/pause:3.2",
        "dind-cluster.local/coredns:1.7.0");
  }

  @Test
  void coreDnsMovedUpstreamIn121ButKeepsItsNameUnderACustomRepository() {
    var coredns = ComponentImages.forVersion(KubernetesVersion.parse("v1.21.0")).get(6);
    assertThat(coredns.nodeRef()).isEqualTo("dind-cluster.local/coredns:v1.8.0");
    assertThat(coredns.upstreamRef("127.0.0.1:5000")).isEqualTo("127.0.0.1:5000/coredns/coredns:v1.8.0");
    var etcd = ComponentImages.forVersion(KubernetesVersion.parse("v1.37.1")).get(4);
    assertThat(etcd.upstreamRef("registry.k8s.io")).isEqualTo("registry.k8s.io/etcd:3.7.0-0");
  }

  @Test
  void versionsNewerThanTheTableReuseItsNewestRow() {
    assertThat(nodeRefs("v1.40.0")).contains("dind-cluster.local/etcd:3.7.0-0", "dind-cluster.local/kube-proxy:v1.40.0");
    assertThat(ComponentImages.newestKnownMinor()).isEqualTo(37);
  }

  @Test
  void onlyEtcdAndTheThreeControlPlaneComponentsAreTheMastersAlone() {
    assertThat(ComponentImages.forVersion(KubernetesVersion.parse("v1.20.2")).stream()
        .filter(i -> ComponentImages.isControlPlane(i.name())).map(ComponentImages.Image::name))
        .containsExactlyInAnyOrder("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler");
    assertThat(ComponentImages.isControlPlane("kube-apiserver-amd64")).isTrue();
    assertThat(ComponentImages.isControlPlane("kube-proxy")).isFalse();
    assertThat(ComponentImages.isControlPlane("pause")).isFalse();
  }
}
