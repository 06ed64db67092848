package dev.dindcluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dindcluster.config.FixedRelease;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan} through the real picocli tree with a fake environment and captured streams. */
class PlanCommandTest {
  private static final FixedRelease RELEASE = new FixedRelease("dind-cluster-v1.20", "v1.20.2", "dind-cluster/node:v1.20.2");

  @TempDir Path workDir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    CliContext context = new CliContext(RELEASE, env, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        workDir, () -> 9);
    return Cli.run(context, args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void jsonOnStdoutForValidInput() throws Exception {
    int code = run(Map.of("IP_MODE", "ipv6", "CLUSTER_ID", "10"), "plan", "--json");
    assertThat(code).as(stderr()).isZero();
    JsonNode json = new ObjectMapper().readTree(stdout());
    assertThat(json.get("context").asText()).isEqualTo("dind-cluster-10");
    assertThat(json.at("/network/cidrs/0").asText()).isEqualTo("fd00:20:10::/64");
    assertThat(json.at("/nat64/v4Prefix").asText()).isEqualTo("172.28");
  }

  @Test
  void planShowsTheVersionsKubeadmApiRuntimeImagesAndReleaseSource() throws Exception {
    int code = run(Map.of("DIND_REGISTRY", "127.0.0.1:5000"), "plan", "--json");
    assertThat(code).as(stderr()).isZero();
    JsonNode k8s = new ObjectMapper().readTree(stdout()).get("kubernetes");
    assertThat(k8s.get("version").asText()).isEqualTo("v1.20.2");
    assertThat(k8s.get("kubeadmApi").asText()).isEqualTo("kubeadm.k8s.io/v1beta2");
    assertThat(k8s.get("nodeRuntime").asText()).isEqualTo("docker");
    assertThat(k8s.get("images").get(4).asText()).isEqualTo("dind-cluster.local/etcd:3.4.13-0");
    assertThat(k8s.at("/release/tarball").asText()).isEqualTo("https://dl.k8s.io/v1.20.2/kubernetes-server-linux-amd64.tar.gz");
    assertThat(k8s.at("/release/registry").asText()).isEqualTo("127.0.0.1:5000");
    out.reset();
    assertThat(run(Map.of(), "plan")).isZero();
    assertThat(stdout()).contains("kubeadm: kubeadm.k8s.io/v1beta2, node runtime docker", "dind-cluster.local/pause:3.2");
  }

  @Test
  void kubeadmConfigIsPrintedWithPlaceholdersAndNoSideEffects() {
    int code = run(Map.of("NUM_NODES", "1"), "plan", "--kubeadm-config");
    assertThat(code).as(stderr()).isZero();
    assertThat(stdout()).contains("# kube-master:/etc/kubeadm.yaml (kubeadm init)", "kind: InitConfiguration",
        "# kube-node-1:/etc/kubeadm.yaml (kubeadm join)", "token: abcdef.0123456789abcdef", "sha256:<hash of the cluster CA");
    assertThat(workDir.toFile().list()).isEmpty();
  }

  @Test
  void misspelledKnobsOnTheCommandLineAreRejectedWithTheNearestName() {
    int code = run(Map.of(), "plan", "--set", "NUM_NODE=5", "--set", "IP_MDOE=ipv6", "--set", "=x", "--set", "APISERVER_v=4");
    assertThat(code).isEqualTo(2);
    assertThat(stderr()).contains("NUM_NODE='5': is not a knob (--set); did you mean NUM_NODES?")
        .contains("IP_MDOE='ipv6'", "did you mean IP_MODE?")
        .contains("(empty name)='x'")
        .doesNotContain("APISERVER_v");
    assertThat(stdout()).isEmpty();
  }

  @Test
  void badReleaseKnobsAreRejectedWithExit2() {
    int code = run(Map.of("DIND_RELEASE_URL", "ftp://mirror", "DIND_REGISTRY", "http://reg", "DIND_DOWNLOAD_TIMEOUT", "0",
        "DIND_CACHE_DIR", "relative/dir", "DIND_UNVERIFIED_RELEASE", "yes", "DIND_NODE_IMAGE_REGISTRY", "https://reg.test"), "plan");
    assertThat(code).isEqualTo(2);
    assertThat(stderr()).contains("DIND_RELEASE_URL", "ftp://mirror", "DIND_REGISTRY", "http://reg", "DIND_DOWNLOAD_TIMEOUT",
        "DIND_CACHE_DIR", "relative/dir", "DIND_UNVERIFIED_RELEASE", "'yes'", "refuse", "accept",
        "DIND_NODE_IMAGE_REGISTRY", "https://reg.test");
    assertThat(stdout()).isEmpty();
  }

  @Test
  void commandLineWinsOverEnvironmentWhichWinsOverTheConfigFile() throws Exception {
    Files.writeString(workDir.resolve("my.sh"), "NUM_NODES=\"${NUM_NODES:-5}\"\nCNI_PLUGIN=ptp\nCLUSTER_ID=3\n");
    int code = run(Map.of("CLUSTER_ID", "4", "DIND_CONFIG_FILE", "my.sh"), "plan", "--json", "--set", "CNI_PLUGIN=flannel");
    assertThat(code).as(stderr()).isZero();
    JsonNode json = new ObjectMapper().readTree(stdout());
    assertThat(json.get("nodes")).hasSize(6);
    assertThat(json.get("clusterId").asInt()).isEqualTo(4);
    assertThat(json.get("cniPlugin").asText()).isEqualTo("flannel");
    out.reset();
    assertThat(run(Map.of(), "plan", "--json", "--config", "my.sh", "--cluster-id", "6", "--num-nodes", "0")).isZero();
    json = new ObjectMapper().readTree(stdout());
    assertThat(json.get("label").asText()).isEqualTo("cluster-6");
    assertThat(json.get("nodes")).hasSize(1);
    assertThat(json.get("cniPlugin").asText()).isEqualTo("ptp");
  }

  @Test
  void labelWithoutIdUsesTheInjectedRandomIdForAddressesOnly() throws Exception {
    // No engine answers here: with one, an existing cluster 9 on this host would make plan pick another id.
    String noEngine = "unix://" + workDir.resolve("no-engine.sock");
    assertThat(run(Map.of("DIND_LABEL", "third", "DOCKER_HOST", noEngine), "plan", "--json")).isZero();
    assertThat(stderr()).contains("the random cluster id 9 is not checked against existing clusters");
    JsonNode json = new ObjectMapper().readTree(stdout());
    assertThat(json.get("clusterId").asInt()).isEqualTo(9);
    assertThat(json.get("context").asText()).isEqualTo("dind-third");
    assertThat(json.at("/nodes/0/name").asText()).isEqualTo("kube-master-third");
    assertThat(json.at("/network/cidrs/0").asText()).isEqualTo("10.192.9.0/24");
  }

  @Test
  void nameIsTheLabelAsKindUsersCallIt() throws Exception {
    assertThat(run(Map.of(), "plan", "--json", "--name", "third")).isZero();
    JsonNode json = new ObjectMapper().readTree(stdout());
    assertThat(json.get("context").asText()).isEqualTo("dind-third");
    assertThat(json.at("/nodes/0/name").asText()).isEqualTo("kube-master-third");
  }

  @Test
  void invalidInputExits2ListingEveryProblemAndPrintsNothingOnStdout() {
    int code = run(Map.of("CLUSTER_ID", "300", "NUM_NODES", "x", "IP_MODE", "ipv6", "CNI_PLUGIN", "flannel"),
        "plan", "--json", "--set", "NAT64_V4_SUBNET_PREFIX=192.168");
    assertThat(code).isEqualTo(2);
    assertThat(stdout()).isEmpty();
    assertThat(stderr()).contains("CLUSTER_ID='300'", "NUM_NODES='x'", "CNI_PLUGIN='flannel'",
        "IPv6 pod networks are only supported by bridge and PTP CNI plugins", "4 problems");
  }

  @Test
  void setButEmptyClusterIdIsRejected() {
    assertThat(run(Map.of("CLUSTER_ID", ""), "plan", "--json")).isEqualTo(2);
    assertThat(stdout()).isEmpty();
    assertThat(stderr()).contains("CLUSTER_ID=''");
  }

  @Test
  void badConfigFileExits2NamingTheLine() throws Exception {
    Files.writeString(workDir.resolve("bad.sh"), "NUM_NODES=1\nif true; then\n");
    assertThat(run(Map.of(), "plan", "--config", "bad.sh")).isEqualTo(2);
    assertThat(stdout()).isEmpty();
    assertThat(stderr()).contains("bad.sh:2");
  }

  @Test
  void warningsGoToStderrAndTheTextPlanToStdout() {
    assertThat(run(Map.of("DIND_SKIP_PULL", "y", "DIND_ALLOW_AAAA_USE", "1"), "plan")).isZero();
    assertThat(stdout()).contains("kube-master", "10.192.0.2", "10.96.0.10").doesNotContain("WARNING");
    assertThat(stderr()).contains("WARNING: DIND_SKIP_PULL='y' is ignored",
        "WARNING: The DIND_ALLOW_AAAA_USE option is for IPv6 mode - ignoring setting.");
  }

  @Test
  void dualStackClustersRunSideBySide() {
    // The original refused this; here nothing host-wide is changed, so each cluster has its own addresses.
    assertThat(run(Map.of("IP_MODE", "dual-stack", "CLUSTER_ID", "21"), "plan")).isZero();
    assertThat(stdout()).contains("kube-master-cluster-21", "kubeadm-dind-net-cluster-21", "10.192.21.0/24", "fd00:20:21::/64",
        "10.192.21.2, fd00:20:21::2");
    assertThat(run(Map.of("IP_MODE", "dual-stack", "DIND_LABEL", "third", "CLUSTER_ID", "7"), "plan")).isZero();
    assertThat(stdout()).contains("kube-master-third-7", "10.192.7.0/24", "fd00:20:7::/64");
  }

  @Test
  void helpDescribesPlan() {
    assertThat(run(Map.of(), "plan", "--help")).isZero();
    assertThat(stdout()).contains("--output=FORMAT", "--set", "--config");
  }
}
