package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.k8s.KubernetesVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class KubeadmConfigTest {
  static final String CONTAINERD = "/var/run/containerd/containerd.sock";
  static final KubernetesVersion V1_20 = KubernetesVersion.parse("v1.20.2");

  static KubeadmConfig.Init init(boolean dualStack, boolean schedulable) {
    return init(dualStack, schedulable, KubeadmConfig.DOCKERSHIM_SOCKET);
  }

  static KubeadmConfig.Init init(boolean dualStack, boolean schedulable, String criSocket) {
    return new KubeadmConfig.Init(
        V1_20,
        "dind-cluster.local",
        "kube-master",
        "10.192.0.2",
        dualStack ? List.of("10.192.0.2", "fd00:20::2") : List.of("10.192.0.2"),
        "abcdef.0123456789abcdef",
        List.of("127.0.0.1", "localhost", "10.192.0.2"),
        "10.96.0.0/12",
        dualStack ? List.of("10.244.0.0/16", "fd00:40::/72") : List.of("10.244.0.0/16"),
        false,
        "10.96.0.10",
        schedulable,
        dualStack,
        Map.of("admission-control", "X"),
        Map.of(),
        Map.of(),
        "none",
        dualStack ? "none" : "CPUManager=true,RotateKubeletServerCertificate=false",
        criSocket,
        Map.of(),
        List.of());
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> documents(String yaml) {
    List<Map<String, Object>> docs = new ArrayList<>();
    new Yaml().loadAll(yaml).forEach(d -> docs.add((Map<String, Object>) d));
    return docs;
  }

  @Test
  @SuppressWarnings("unchecked")
  void initConfigIsValidYamlWithTheFourKinds() {
    List<Map<String, Object>> docs = documents(KubeadmConfig.init(init(false, false)));
    assertThat(docs).extracting(d -> d.get("kind"))
        .containsExactly("InitConfiguration", "ClusterConfiguration", "KubeletConfiguration", "KubeProxyConfiguration");
    Map<String, Object> initDoc = docs.get(0);
    assertThat(((Map<String, Object>) initDoc.get("localAPIEndpoint")).get("advertiseAddress")).isEqualTo("10.192.0.2");
    Map<String, Object> registration = (Map<String, Object>) initDoc.get("nodeRegistration");
    assertThat(registration).doesNotContainKey("taints");
    Map<String, Object> cluster = docs.get(1);
    assertThat(cluster.get("imageRepository")).isEqualTo("dind-cluster.local");
    assertThat((Map<String, Object>) cluster.get("networking")).doesNotContainKey("podSubnet");
    Map<String, Object> apiServer = (Map<String, Object>) cluster.get("apiServer");
    assertThat((List<String>) apiServer.get("certSANs")).contains("127.0.0.1");
    assertThat((Map<String, Object>) apiServer.get("extraArgs")).containsEntry("admission-control", "X");
    assertThat((Map<String, Object>) ((Map<String, Object>) cluster.get("controllerManager")).get("extraArgs"))
        .containsEntry("leader-elect", "false");
    assertThat(docs.get(2).get("imageGCHighThresholdPercent")).isEqualTo(100);
    assertThat((List<String>) docs.get(2).get("clusterDNS")).containsExactly("10.96.0.10");
    // KUBELET_FEATURE_GATES reach the kubelet's configuration, as booleans.
    assertThat((Map<String, Object>) docs.get(2).get("featureGates"))
        .containsExactly(Map.entry("CPUManager", true), Map.entry("RotateKubeletServerCertificate", false));
  }

  @Test
  @SuppressWarnings("unchecked")
  void masterWithoutWorkersIsSchedulableAndDualStackTurnsOnTheGate() {
    List<Map<String, Object>> docs = documents(KubeadmConfig.init(init(true, true)));
    Map<String, Object> registration = (Map<String, Object>) docs.get(0).get("nodeRegistration");
    assertThat((List<Object>) registration.get("taints")).isEmpty();
    assertThat(((Map<String, Object>) registration.get("kubeletExtraArgs")).get("node-ip")).isEqualTo("10.192.0.2,fd00:20::2");
    assertThat((Map<String, Object>) docs.get(1).get("featureGates")).containsEntry("IPv6DualStack", true);
    assertThat(docs.get(3).get("clusterCIDR")).isEqualTo("10.244.0.0/16,fd00:40::/72");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theControllerManagersClientRateIsRaisedUnlessTheUserSetsIt() {
    String rendered = dev.dindcluster.lifecycle.KubeadmFiles.preview(dev.dindcluster.plan.Planner.plan(
        new java.util.HashMap<>(Map.of("CONTROLLER_MANAGER_kube_api_qps", "50")), ClusterLifecycleTest.RELEASE, () -> 1));
    Map<String, Object> cluster = documents(rendered).stream().filter(d -> "ClusterConfiguration".equals(d.get("kind")))
        .findFirst().orElseThrow();
    Map<String, Object> args = (Map<String, Object>) ((Map<String, Object>) cluster.get("controllerManager")).get("extraArgs");
    assertThat(args).containsEntry("kube-api-qps", "50").containsEntry("kube-api-burst", "200").containsEntry("leader-elect", "false");
  }

  @Test
  @SuppressWarnings("unchecked")
  void joinConfigPinsTheCaHash() {
    String yaml = KubeadmConfig.join(new KubeadmConfig.Join(V1_20,
        "kube-node-1", List.of("fd00:20::3"), "[fd00:20::2]:6443", "abcdef.0123456789abcdef", "sha256:00ff",
        KubeadmConfig.DOCKERSHIM_SOCKET, Map.of(), List.of()));
    Map<String, Object> doc = documents(yaml).get(0);
    Map<String, Object> token = (Map<String, Object>) ((Map<String, Object>) doc.get("discovery")).get("bootstrapToken");
    assertThat(token.get("apiServerEndpoint")).isEqualTo("[fd00:20::2]:6443");
    assertThat((List<String>) token.get("caCertHashes")).containsExactly("sha256:00ff");
  }

  @Test
  @SuppressWarnings("unchecked")
  void dockerNodesUseKubeletsDockershimWithoutRuntimeFlags() {
    Map<String, Object> registration = (Map<String, Object>) documents(KubeadmConfig.init(init(false, false))).get(0).get("nodeRegistration");
    assertThat(registration.get("criSocket")).isEqualTo("/var/run/dockershim.sock");
    assertThat((Map<String, Object>) registration.get("kubeletExtraArgs")).containsOnlyKeys("node-ip");
    // Preflight is skipped for every runtime: its checks are ignored anyway and its image check reaches for a registry.
    assertThat(BringUp.initSkippedPhases(V1_20, true)).isEqualTo("preflight,addon/coredns");
  }

  @Test
  @SuppressWarnings("unchecked")
  void containerdNodesPointKubeletAtItsSocketOnInitAndJoin() {
    Map<String, Object> initRegistration =
        (Map<String, Object>) documents(KubeadmConfig.init(init(false, false, CONTAINERD))).get(0).get("nodeRegistration");
    Map<String, Object> joinRegistration = (Map<String, Object>) documents(KubeadmConfig.join(new KubeadmConfig.Join(V1_20,
        "kube-node-1", List.of("10.192.0.3"), "10.192.0.2:6443", "abcdef.0123456789abcdef", "sha256:00ff", CONTAINERD,
        Map.of(), List.of())))
        .get(0).get("nodeRegistration");
    for (Map<String, Object> registration : List.of(initRegistration, joinRegistration)) {
      assertThat(registration.get("criSocket")).isEqualTo(CONTAINERD);
      assertThat((Map<String, Object>) registration.get("kubeletExtraArgs"))
          .containsEntry("container-runtime", "remote")
          .containsEntry("container-runtime-endpoint", "unix:///var/run/containerd/containerd.sock")
          .containsKey("node-ip");
    }
    // With a DNS add-on image in the node, kubeadm deploys it; kubeadm 1.12 has no phases to skip.
    assertThat(BringUp.initSkippedPhases(V1_20, false)).isEqualTo("preflight");
    assertThat(BringUp.initSkippedPhases(KubernetesVersion.parse("v1.12.10"), true)).isEmpty();
  }

  @Test
  void bootstrapTokensHaveKubeadmsShape() {
    var random = new java.util.SplittableRandom(1);
    for (int i = 0; i < 50; i++) {
      assertThat(BootstrapToken.generate(random)).matches("[a-z0-9]{6}\\.[a-z0-9]{16}");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void workersRegisterWithTheirLabelsAndTaints() {
    Map<String, String> labels = new java.util.LinkedHashMap<>();
    labels.put("topology.kubernetes.io/zone", "a");
    labels.put("example.com/disk", "ssd");
    Map<String, Object> registration = (Map<String, Object>) documents(KubeadmConfig.join(new KubeadmConfig.Join(V1_20,
        "kube-node-1", List.of("10.192.0.3"), "10.192.0.2:6443", "abcdef.0123456789abcdef", "sha256:00ff",
        KubeadmConfig.DOCKERSHIM_SOCKET, labels, List.of(new dev.dindcluster.plan.Taint("dedicated", "db", "NoSchedule"),
            new dev.dindcluster.plan.Taint("spot", "", "PreferNoSchedule"))))).get(0).get("nodeRegistration");
    assertThat((Map<String, Object>) registration.get("kubeletExtraArgs"))
        .containsEntry("node-labels", "topology.kubernetes.io/zone=a,example.com/disk=ssd");
    assertThat((List<Map<String, Object>>) registration.get("taints")).containsExactly(
        Map.of("key", "dedicated", "value", "db", "effect", "NoSchedule"),
        Map.of("key", "spot", "effect", "PreferNoSchedule"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTaintedMasterKeepsKubeadmsOwnTaint() {
    KubeadmConfig.Init plain = init(false, false);
    KubeadmConfig.Init tainted = new KubeadmConfig.Init(plain.version(), plain.imageRepository(), plain.nodeName(),
        plain.advertiseAddress(), plain.nodeIps(), plain.bootstrapToken(), plain.certSans(), plain.serviceCidr(),
        plain.podNetworkCidrs(), plain.allocateNodeCidrs(), plain.dnsServiceIp(), false, false, plain.apiServerExtraArgs(),
        plain.controllerManagerExtraArgs(), plain.schedulerExtraArgs(), plain.featureGates(), plain.kubeletFeatureGates(),
        plain.criSocket(), Map.of("example.com/rack", "r1"), List.of(new dev.dindcluster.plan.Taint("audit", "", "NoExecute")));
    Map<String, Object> registration = (Map<String, Object>) documents(KubeadmConfig.init(tainted)).get(0).get("nodeRegistration");
    assertThat((List<Map<String, Object>>) registration.get("taints")).containsExactly(
        Map.of("key", "node-role.kubernetes.io/master", "effect", "NoSchedule"),
        Map.of("key", "audit", "effect", "NoExecute"));
    assertThat((Map<String, Object>) registration.get("kubeletExtraArgs")).containsEntry("node-labels", "example.com/rack=r1");
    // Without taints of its own the master's registration leaves kubeadm's default alone.
    Map<String, Object> untouched = (Map<String, Object>) documents(KubeadmConfig.init(plain)).get(0).get("nodeRegistration");
    assertThat(untouched).doesNotContainKey("taints");
    assertThat(KubeadmConfig.masterTaintKeys(dev.dindcluster.k8s.KubernetesVersion.parse("v1.24.0")))
        .containsExactly("node-role.kubernetes.io/master", "node-role.kubernetes.io/control-plane");
    assertThat(KubeadmConfig.masterTaintKeys(dev.dindcluster.k8s.KubernetesVersion.parse("v1.30.0")))
        .containsExactly("node-role.kubernetes.io/control-plane");
  }

  @Test
  void kubeadmsBefore111PassLabelsAndTaintsAsKubeletFlags() {
    String defaults = KubeadmConfig.legacyKubeletDefaults(dev.dindcluster.k8s.KubernetesVersion.parse("v1.10.13"),
        List.of("10.192.0.3"), "10.96.0.10", "dind-cluster.local/pause:3.1", Map.of("topology.kubernetes.io/zone", "b"),
        List.of(new dev.dindcluster.plan.Taint("dedicated", "db", "NoSchedule"))).orElseThrow();
    assertThat(defaults).contains(" --node-labels=topology.kubernetes.io/zone=b")
        .contains(" --register-with-taints=dedicated=db:NoSchedule");
  }
}
