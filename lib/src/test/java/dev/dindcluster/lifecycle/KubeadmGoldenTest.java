package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.k8s.KubeadmApi;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.Planner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Golden kubeadm files for every kubeadm API and both node runtimes, as {@code plan --kubeadm-config}
 * prints them (run with -Dgolden.update=true to rewrite them after a deliberate change, then read
 * the diff). Every key is also checked against the json tags of that API's Go types.
 */
class KubeadmGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/kubeadm-golden");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("v1.8.15-docker", "v1.8.15", Map.of()),
        Arguments.of("v1.10.5-docker-master-only", "v1.10.5", Map.of("NUM_NODES", "0")),
        Arguments.of("v1.11.10-docker", "v1.11.10", Map.of("NUM_NODES", "1")),
        Arguments.of("v1.12.10-docker", "v1.12.10", Map.of("NUM_NODES", "1")),
        Arguments.of("v1.14.10-containerd", "v1.14.10", Map.of("NUM_NODES", "1", "DIND_CRI", "containerd")),
        Arguments.of("v1.20.2-docker", "v1.20.2", Map.of("NUM_NODES", "1")),
        Arguments.of("v1.20.2-containerd-dual-stack", "v1.20.2", Map.of("NUM_NODES", "1", "DIND_CRI", "containerd", "IP_MODE", "dual-stack")),
        Arguments.of("v1.23.17-docker", "v1.23.17", Map.of("NUM_NODES", "1")),
        Arguments.of("v1.24.17-containerd", "v1.24.17", Map.of("NUM_NODES", "1")),
        Arguments.of("v1.37.1-containerd-extra-args", "v1.37.1", Map.of("NUM_NODES", "1", "APISERVER_v", "4", "FEATURE_GATES", "Foo=true")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersTheGoldenFiles(String name, String version, Map<String, String> settings) throws IOException {
    ClusterPlan plan = Planner.plan(new HashMap<>(settings),
        new FixedRelease("dind-cluster-test", version, FixedRelease.defaultNodeImage(version)), () -> 1);
    String rendered = KubeadmFiles.preview(plan);
    Path golden = GOLDEN.resolve(name + ".yaml");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, rendered);
    }
    assertThat(rendered).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    KubeadmApi api = KubeadmApi.forVersion(plan.version());
    for (Object doc : new Yaml().loadAll(rendered)) {
      checkKeys(api, (Map<?, ?>) doc);
    }
  }

  @SuppressWarnings("unchecked")
  private static void checkKeys(KubeadmApi api, Map<?, ?> doc) {
    String kind = (String) doc.get("kind");
    Set<String> allowed = allowedKeys(api, kind);
    assertThat((Set<String>) doc.keySet()).as(api.version + " " + kind + " fields").isSubsetOf(allowed);
    if (doc.get("nodeRegistration") instanceof Map<?, ?> registration) {
      Set<String> keys = Set.of("name", "criSocket", "taints", "kubeletExtraArgs", "ignorePreflightErrors", "imagePullPolicy");
      assertThat((Set<String>) registration.keySet()).as(api.version + " nodeRegistration").isSubsetOf(keys);
      Object extra = registration.get("kubeletExtraArgs");
      assertThat(extra).as("extra arguments of " + api.version).isInstanceOf(api == KubeadmApi.V1BETA4 ? List.class : Map.class);
    }
  }

  /** Json tags of cmd/kubeadm/app/apis/kubeadm/<api>/types.go for the kinds written here (and kubelet/kube-proxy's). */
  private static Set<String> allowedKeys(KubeadmApi api, String kind) {
    Set<String> common = Set.of("apiVersion", "kind");
    Set<String> fields = switch (kind) {
      case "MasterConfiguration" -> api == KubeadmApi.V1ALPHA1
          ? Set.of("api", "kubeProxy", "etcd", "kubeletConfiguration", "networking", "kubernetesVersion", "cloudProvider",
              "nodeName", "authorizationModes", "noTaintMaster", "token", "tokenTTL", "tokenUsages", "tokenGroups", "criSocket",
              "apiServerExtraArgs", "controllerManagerExtraArgs", "schedulerExtraArgs", "apiServerCertSANs", "certificatesDir",
              "imageRepository", "imagePullPolicy", "unifiedControlPlaneImage", "featureGates", "clusterName")
          : Set.of("bootstrapTokens", "nodeRegistration", "api", "kubeProxy", "etcd", "kubeletConfiguration", "networking",
              "kubernetesVersion", "apiServerExtraArgs", "controllerManagerExtraArgs", "schedulerExtraArgs", "apiServerCertSANs",
              "certificatesDir", "imageRepository", "unifiedControlPlaneImage", "featureGates", "clusterName");
      case "NodeConfiguration" -> api == KubeadmApi.V1ALPHA1
          ? Set.of("caCertPath", "discoveryFile", "discoveryToken", "discoveryTokenAPIServers", "discoveryTimeout", "nodeName",
              "tlsBootstrapToken", "token", "criSocket", "clusterName", "discoveryTokenCACertHashes",
              "discoveryTokenUnsafeSkipCAVerification", "featureGates")
          : Set.of("nodeRegistration", "caCertPath", "discoveryFile", "discoveryToken", "discoveryTokenAPIServers", "discoveryTimeout",
              "tlsBootstrapToken", "token", "clusterName", "discoveryTokenCACertHashes", "discoveryTokenUnsafeSkipCAVerification",
              "featureGates");
      case "InitConfiguration" -> api == KubeadmApi.V1ALPHA3
          ? Set.of("bootstrapTokens", "nodeRegistration", "apiEndpoint")
          : Set.of("bootstrapTokens", "nodeRegistration", "localAPIEndpoint", "certificateKey", "skipPhases", "patches");
      case "ClusterConfiguration" -> api == KubeadmApi.V1ALPHA3
          ? Set.of("etcd", "networking", "kubernetesVersion", "controlPlaneEndpoint", "apiServerExtraArgs",
              "controllerManagerExtraArgs", "schedulerExtraArgs", "apiServerCertSANs", "certificatesDir", "imageRepository",
              "unifiedControlPlaneImage", "featureGates", "clusterName")
          : Set.of("etcd", "networking", "kubernetesVersion", "controlPlaneEndpoint", "apiServer", "controllerManager",
              "scheduler", "dns", "certificatesDir", "imageRepository", "featureGates", "clusterName");
      case "JoinConfiguration" -> api == KubeadmApi.V1ALPHA3
          ? Set.of("nodeRegistration", "caCertPath", "discoveryFile", "discoveryToken", "discoveryTokenAPIServers",
              "discoveryTimeout", "tlsBootstrapToken", "token", "clusterName", "discoveryTokenCACertHashes",
              "discoveryTokenUnsafeSkipCAVerification", "controlPlane", "apiEndpoint", "featureGates")
          : Set.of("nodeRegistration", "caCertPath", "discovery", "controlPlane", "skipPhases", "patches");
      case "KubeletConfiguration" -> Set.of("cgroupDriver", "failSwapOn", "clusterDNS", "clusterDomain", "evictionHard",
          "imageGCHighThresholdPercent", "imageGCLowThresholdPercent", "oomScoreAdj", "failCgroupV1", "featureGates",
          "nodeStatusUpdateFrequency", "nodeStatusReportFrequency", "syncFrequency");
      case "KubeProxyConfiguration" -> Set.of("mode", "clusterCIDR", "conntrack", "featureGates");
      default -> throw new AssertionError("unexpected kind " + kind);
    };
    return Stream.concat(common.stream(), fields.stream()).collect(java.util.stream.Collectors.toSet());
  }
}
