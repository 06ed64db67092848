package dev.dindcluster.naming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Spec 5's examples. */
class ClusterNamingTest {
  @Test
  void defaultCluster() {
    ClusterIdentity id = new ClusterIdentity(0, ClusterIdentity.DEFAULT_LABEL, false);
    ClusterNaming n = id.naming();
    assertThat(id.suffix()).isEmpty();
    assertThat(n.masterName()).isEqualTo("kube-master");
    assertThat(n.workerName(1)).isEqualTo("kube-node-1");
    assertThat(n.volumeName(n.masterName())).isEqualTo("kubeadm-dind-kube-master");
    assertThat(n.networkName()).isEqualTo("kubeadm-dind-net");
    assertThat(n.contextName()).isEqualTo("dind");
    assertThat(n.sysVolumeName()).isEqualTo("kubeadm-dind-sys");
    assertThat(n.binariesVolumeName()).isEqualTo("dind-k8s-binaries");
    assertThat(n.dns64ContainerName()).isEqualTo("bind9");
    assertThat(n.nat64ContainerName()).isEqualTo("tayga");
    assertThat(n.supportLabel()).isEqualTo("dind-support");
  }

  @Test
  void clusterId20() {
    ClusterNaming n = new ClusterIdentity(20, "cluster-20", false).naming();
    assertThat(n.masterName()).isEqualTo("kube-master-cluster-20");
    assertThat(n.volumeName(n.workerName(1))).isEqualTo("kubeadm-dind-kube-node-1-cluster-20");
    assertThat(n.networkName()).isEqualTo("kubeadm-dind-net-cluster-20");
    assertThat(n.contextName()).isEqualTo("dind-cluster-20");
    assertThat(n.dns64ContainerName()).isEqualTo("bind9-cluster-20");
    assertThat(n.nat64ContainerName()).isEqualTo("tayga-cluster-20");
    assertThat(n.supportLabel()).isEqualTo("dind-support-cluster-20");
  }

  @Test
  void labelsThirdAndFoo7() {
    assertThat(new ClusterIdentity(3, "third", true).naming().masterName()).isEqualTo("kube-master-third");
    assertThat(new ClusterIdentity(3, "third", true).naming().contextName()).isEqualTo("dind-third");
    ClusterNaming foo7 = new ClusterIdentity(7, "foo-7", false).naming();
    assertThat(foo7.masterName()).isEqualTo("kube-master-foo-7");
    assertThat(foo7.contextName()).isEqualTo("dind-foo-7");
    assertThat(foo7.volumeName(foo7.workerName(2))).isEqualTo("kubeadm-dind-kube-node-2-foo-7");
  }

  @Test
  void volumeRegexMatchesOnlyThisClustersVolumes() {
    ClusterNaming n = new ClusterNaming("-cluster-5");
    assertThat("kubeadm-dind-kube-node-12-cluster-5").matches(n.volumeNameRegex());
    assertThat("kubeadm-dind-sys-cluster-5").matches(n.volumeNameRegex());
    assertThat("kubeadm-dind-kube-node-1-cluster-50").doesNotMatch(n.volumeNameRegex());
    assertThat("kubeadm-dind-kube-master").doesNotMatch(n.volumeNameRegex());
  }

  @Test
  void labelRules() {
    assertThat(LabelRules.isValid(ClusterIdentity.DEFAULT_LABEL)).isTrue();
    assertThat(LabelRules.isValid("foo-7")).isTrue();
    assertThat(LabelRules.isValid("")).isFalse();
    assertThat(LabelRules.isValid("-x")).isFalse();
    assertThat(LabelRules.isValid("a b")).isFalse();
    assertThat(LabelRules.isValid("a/b")).isFalse();
  }
}
