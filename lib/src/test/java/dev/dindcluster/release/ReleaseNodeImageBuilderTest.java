package dev.dindcluster.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.lifecycle.LifecycleFailure;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.Planner;
import dev.dindcluster.progress.Progress;
import dev.dindcluster.runtime.FakeNodeRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ordering and cleanup of the release build on the fake runtime; the real engine is test/release-mirror.sh. */
class ReleaseNodeImageBuilderTest {
  static final String VERSION = "v1.20.2";
  static final String REGISTRY = "registry.test:5000";
  static final List<String> COMPONENTS = List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler", "kube-proxy");

  @TempDir Path dir;

  /** Upstream's server tarball in miniature: a kubeadm that lists its images like 1.20's, and image tars. */
  static byte[] serverTarball() throws IOException {
    return serverTarball("3.2");
  }

  /** The same with another pause tag in kubeadm's list, as other releases have (the table says 3.2 for 1.20). */
  static byte[] serverTarball(String pauseTag) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      String kubeadm = "#!/bin/sh\nfor i in kube-apiserver:v1.20.2 kube-controller-manager:v1.20.2 kube-scheduler:v1.20.2"
          + " kube-proxy:v1.20.2 pause:" + pauseTag + " etcd:3.4.13-0 coredns:1.7.0; do echo \"$7/$i\"; done\n";
      add(tar, "kubernetes/server/bin/kubeadm", kubeadm.getBytes(StandardCharsets.UTF_8), 0755);
      add(tar, "kubernetes/server/bin/kubelet", new byte[] {1}, 0755);
      add(tar, "kubernetes/server/bin/kubectl", new byte[] {2}, 0755);
      for (String c : COMPONENTS) {
        add(tar, "kubernetes/server/bin/" + c + ".tar", imageTar("registry.k8s.io/" + c + "-amd64:" + VERSION), 0644);
        add(tar, "kubernetes/server/bin/" + c + ".docker_tag", (VERSION + "\n").getBytes(StandardCharsets.UTF_8), 0644);
      }
    }
    return bytes.toByteArray();
  }

  static byte[] imageTar(String repoTag) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      add(tar, "manifest.json", ("[{\"Config\":\"c.json\",\"RepoTags\":[\"" + repoTag + "\"],\"Layers\":[]}]").getBytes(StandardCharsets.UTF_8), 0644);
      add(tar, "c.json", "{\"config\":{\"Labels\":{}}}".getBytes(StandardCharsets.UTF_8), 0644);
    }
    return bytes.toByteArray();
  }

  static void add(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(content.length);
    e.setMode(mode);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  ClusterPlan plan(LoopbackMirror mirror) {
    return Planner.plan(Map.of("DIND_RELEASE_URL", mirror.uri("").toString(), "DIND_REGISTRY", REGISTRY,
        "DIND_CACHE_DIR", dir.toString(), "DIND_IMAGE", "test/node:release"),
        new FixedRelease("dind-cluster-test", VERSION, FixedRelease.defaultNodeImage(VERSION)), () -> 1);
  }

  LoopbackMirror mirror() throws Exception {
    return mirror(serverTarball());
  }

  LoopbackMirror mirror(byte[] tarball) throws Exception {
    return new LoopbackMirror()
        .serve("/" + VERSION + "/kubernetes-server-linux-amd64.tar.gz", tarball)
        .serve("/" + VERSION + "/kubernetes-server-linux-amd64.tar.gz.sha256", DownloadTest.sha256(tarball).getBytes(StandardCharsets.UTF_8));
  }

  FakeNodeRuntime runtime() {
    return new FakeNodeRuntime()
        .addImage(ReleaseNodeImageBuilder.NODE_BASE_IMAGE, Map.of("dev.dindcluster.node-base", "1"))
        .addRegistryImage(REGISTRY + "/etcd:3.4.13-0", Map.of())
        .addRegistryImage(REGISTRY + "/pause:3.2", Map.of());
  }

  @Test
  void buildsFromTheTarballAndTheRegistryAndRemovesEveryNameItMadeOnTheHost() throws Exception {
    FakeNodeRuntime runtime = runtime();
    try (LoopbackMirror mirror = mirror()) {
      new ReleaseNodeImageBuilder().build(plan(mirror), runtime, Progress.silent());
    }
    assertThat(runtime.imageNames()).containsExactlyInAnyOrder(ReleaseNodeImageBuilder.NODE_BASE_IMAGE, "test/node:release");
    List<String> journal = runtime.journal();
    assertThat(journal).filteredOn(l -> l.startsWith("tag image registry.k8s.io/kube-apiserver-amd64:v1.20.2"))
        .containsExactly("tag image registry.k8s.io/kube-apiserver-amd64:v1.20.2 dind-cluster.local/kube-apiserver:v1.20.2");
    assertThat(journal).contains("pull image " + REGISTRY + "/etcd:3.4.13-0", "pull image " + REGISTRY + "/pause:3.2",
        "pull image " + REGISTRY + "/coredns:1.7.0");
    // No CoreDNS in the registry: the node image holds the rest, and clusters use the project's own DNS.
    // Every node's images in one tar, the control plane's (which workers do not load) in another.
    assertThat(journal).contains("save images dind-cluster.local/kube-proxy:v1.20.2 dind-cluster.local/pause:3.2",
        "save images dind-cluster.local/kube-apiserver:v1.20.2 dind-cluster.local/kube-controller-manager:v1.20.2"
        + " dind-cluster.local/kube-scheduler:v1.20.2 dind-cluster.local/etcd:3.4.13-0");
    assertThat(journal.indexOf(journal.stream().filter(l -> l.startsWith("build image")).findFirst().orElseThrow()))
        .isGreaterThan(journal.indexOf(journal.stream().filter(l -> l.startsWith("save images")).findFirst().orElseThrow()));
  }

  @Test
  void theImageRecordsThePauseImageItsKubeadmListsForContainerdsSandbox() throws Exception {
    FakeNodeRuntime runtime = runtime().addRegistryImage(REGISTRY + "/pause:3.9", Map.of());
    try (LoopbackMirror mirror = mirror(serverTarball("3.9"))) {
      new ReleaseNodeImageBuilder().build(plan(mirror), runtime, Progress.silent());
    }
    assertThat(runtime.journal()).contains("pull image " + REGISTRY + "/pause:3.9").doesNotContain("pull image " + REGISTRY + "/pause:3.2");
    String built = runtime.journal().stream().filter(l -> l.startsWith("build image ")).findFirst().orElseThrow().substring(12);
    assertThat(runtime.builtFiles(built)).containsEntry("rootfs/usr/local/share/dind/sandbox-image", "dind-cluster.local/pause:3.9\n");
    assertThat(runtime.imageLabels("test/node:release").orElseThrow()).containsEntry("dev.dindcluster.sandbox-image", "dind-cluster.local/pause:3.9")
        .containsEntry("dev.dindcluster.kubernetes-version", VERSION)
        .hasEntrySatisfying("dev.dindcluster.release-checksum", v -> assertThat(v).startsWith("sha256:"));
  }

  @Test
  void aMissingEtcdFailsNamingTheRegistryAndLeavesNoImage() throws Exception {
    FakeNodeRuntime runtime = new FakeNodeRuntime()
        .addImage(ReleaseNodeImageBuilder.NODE_BASE_IMAGE, Map.of())
        .addRegistryImage(REGISTRY + "/pause:3.2", Map.of());
    try (LoopbackMirror mirror = mirror()) {
      assertThatThrownBy(() -> new ReleaseNodeImageBuilder().build(plan(mirror), runtime, Progress.silent()))
          .isInstanceOf(LifecycleFailure.class)
          .hasMessageContaining("cannot pull " + REGISTRY + "/etcd:3.4.13-0")
          .hasMessageContaining("test/node:release").hasMessageContaining("DIND_IMAGE");
    }
    assertThat(runtime.imageNames()).containsExactly(ReleaseNodeImageBuilder.NODE_BASE_IMAGE);
  }

  @Test
  void versionsWithoutDockershimGoOnTheContainerd2BaseAndNameItsBuildWhenItIsMissing() throws Exception {
    ClusterPlan plan = Planner.plan(Map.of("DIND_RELEASE_URL", "http://127.0.0.1:9", "DIND_REGISTRY", REGISTRY,
        "DIND_CACHE_DIR", dir.toString(), "DIND_IMAGE", "test/node:v1.35"),
        new FixedRelease("dind-cluster-test", "v1.35.9", FixedRelease.defaultNodeImage("v1.35.9")), () -> 1);
    FakeNodeRuntime bookwormOnly = runtime();
    assertThatThrownBy(() -> new ReleaseNodeImageBuilder().build(plan, bookwormOnly, Progress.silent()))
        .hasMessageContaining("dind-cluster/node-base:trixie").hasMessageContaining("scripts/build-node-base-trixie");
    // With the trixie base there, its containerd 2 passes the check and the build goes on to the download.
    FakeNodeRuntime withTrixie = runtime().addImage("dind-cluster/node-base:trixie",
        Map.of("dev.dindcluster.node-base", "1", "dev.dindcluster.containerd-version", "2.1.9+unknown"));
    assertThatThrownBy(() -> new ReleaseNodeImageBuilder().build(plan, withTrixie, Progress.silent()))
        .hasMessageContaining("http://127.0.0.1:9/v1.35.9/kubernetes-server-linux-amd64.tar.gz");
  }

  @Test
  void withoutTheNodeBaseNothingIsDownloaded() throws Exception {
    FakeNodeRuntime runtime = new FakeNodeRuntime();
    try (LoopbackMirror mirror = mirror()) {
      assertThatThrownBy(() -> new ReleaseNodeImageBuilder().build(plan(mirror), runtime, Progress.silent()))
          .hasMessageContaining(ReleaseNodeImageBuilder.NODE_BASE_IMAGE).hasMessageContaining("--base-only");
      assertThat(mirror.requests()).isZero();
    }
    assertThat(runtime.imageNames()).isEqualTo(Set.of());
  }
}
