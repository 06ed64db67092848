package dev.dindcluster.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link NodeRuntime} must do, run against the fake and the real engine alike. Every
 * object a test makes carries a per-test label and a unique name, and is removed afterwards.
 */
public abstract class NodeRuntimeContract {
  protected static final String TEST_LABEL = "dev.dindcluster.test-run";

  protected NodeRuntime runtime;
  protected String run;

  /** A fresh runtime for one test. */
  protected abstract NodeRuntime newRuntime();

  @BeforeEach
  void setUp() throws IOException {
    runtime = newRuntime();
    run = "rtc" + UUID.randomUUID().toString().substring(0, 8);
    if (!runtime.imageExists(TestImage.NAME)) {
      runtime.loadImage(new ByteArrayInputStream(TestImage.saveTar()));
    }
  }

  @AfterEach
  void cleanUp() {
    String filter = TEST_LABEL + "=" + run;
    runtime.containersWithLabel(filter, true).forEach(c -> runtime.removeContainer(c.name()));
    runtime.volumesWithLabel(filter).forEach(v -> runtime.removeVolume(v.name()));
    runtime.networksWithLabel(filter).forEach(n -> runtime.removeNetwork(n.name()));
    assertThat(runtime.containersWithLabel(filter, true)).isEmpty();
    assertThat(runtime.volumesWithLabel(filter)).isEmpty();
    assertThat(runtime.networksWithLabel(filter)).isEmpty();
    runtime.close();
  }

  protected Map<String, String> labels() {
    return Map.of(TEST_LABEL, run, "dev.dindcluster.role", "test");
  }

  /** A container that stays up and stops at once on SIGTERM (busybox sleep as PID 1 would not). */
  protected NodeSpec.Builder sleeper(String suffix) {
    return NodeSpec.builder(run + "-" + suffix, TestImage.NAME)
        .labels(labels())
        .command("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done");
  }

  /** A /24 in 10.233.0.0/16 unlikely to clash with other users of a shared engine. */
  protected static String randomSubnetPrefix() {
    return "10.233." + ThreadLocalRandom.current().nextInt(1, 255);
  }

  protected NetworkSpec network(String prefix) {
    return new NetworkSpec(run + "-net", labels(), List.of(Subnet.withGateway(prefix + ".0/24", prefix + ".1")), false);
  }

  @Test
  void reportsTheEngine() {
    EngineInfo info = runtime.engineInfo();
    assertThat(info.version()).isNotBlank();
    assertThat(info.nodeSecurity()).isIn(NodeSecurity.PRIVILEGED, NodeSecurity.RESTRICTED);
  }

  @Test
  void readsLabelsOfLocalImagesOnly() {
    assertThat(runtime.imageLabels(TestImage.NAME)).hasValueSatisfying(l -> assertThat(l).containsEntry(TestImage.LABEL, "1"));
    assertThat(runtime.imageExists("dind-cluster-test/absent:" + run)).isFalse();
  }

  @Test
  void createsANetworkOnlyWhenAbsentAndRemovesItIdempotently() {
    String prefix = randomSubnetPrefix();
    NetworkSpec spec = network(prefix);
    assertThat(runtime.createNetworkIfAbsent(spec)).isTrue();
    assertThat(runtime.createNetworkIfAbsent(spec)).isFalse();

    NetworkInfo found = runtime.findNetwork(spec.name()).orElseThrow();
    assertThat(found.labels()).containsEntry(TEST_LABEL, run);
    assertThat(found.subnets()).contains(Subnet.withGateway(prefix + ".0/24", prefix + ".1"));
    assertThat(runtime.networksWithLabel(TEST_LABEL + "=" + run)).extracting(NetworkInfo::name).containsExactly(spec.name());
    assertThat(runtime.networksWithLabel(TEST_LABEL + "=other" + run)).isEmpty();

    assertThat(runtime.removeNetwork(spec.name())).isTrue();
    assertThat(runtime.removeNetwork(spec.name())).isFalse();
    assertThat(runtime.findNetwork(spec.name())).isEmpty();
  }

  /** The original's ipv6 mode: an IPv6 subnet with gateway plus the NAT64 IPv4 range without one. */
  @Test
  void createsAnIpv6NetworkWithAnExtraSubnetWithoutGateway() {
    String prefix = randomSubnetPrefix();
    String v6 = String.format("fd00:dd:%x::", ThreadLocalRandom.current().nextInt(1, 0xffff));
    NetworkSpec spec = new NetworkSpec(run + "-net6", labels(), List.of(
        Subnet.withGateway(v6 + "/64", v6 + "1"), Subnet.withoutGateway(prefix + ".0/24")), true);
    assertThat(runtime.createNetworkIfAbsent(spec)).isTrue();
    List<Subnet> subnets = runtime.findNetwork(spec.name()).orElseThrow().subnets();
    assertThat(subnets).extracting(Subnet::cidr).containsExactlyInAnyOrder(v6 + "/64", prefix + ".0/24");
    assertThat(subnets).contains(Subnet.withGateway(v6 + "/64", v6 + "1"));
  }

  @Test
  void volumesAreLabelledFoundAndRemovedIdempotently() {
    String name = run + "-vol";
    runtime.createVolume(name, labels());
    runtime.createVolume(name, labels()); // already there: no error
    assertThat(runtime.findVolume(name)).hasValueSatisfying(v -> assertThat(v.labels()).containsEntry(TEST_LABEL, run));
    assertThat(runtime.volumesWithLabel(TEST_LABEL + "=" + run)).extracting(VolumeInfo::name).containsExactly(name);
    assertThat(runtime.removeVolume(name)).isTrue();
    assertThat(runtime.removeVolume(name)).isFalse();
    assertThat(runtime.findVolume(name)).isEmpty();
  }

  @Test
  void containerLifecycleFromCreateToRemove() {
    NodeSpec spec = sleeper("c").build();
    String id = runtime.createContainer(spec);
    assertThat(id).isNotBlank();
    assertThat(runtime.findContainer(spec.name())).hasValueSatisfying(c -> {
      assertThat(c.state()).isEqualTo("created");
      assertThat(c.labels()).containsEntry(TEST_LABEL, run);
    });
    String filter = TEST_LABEL + "=" + run;
    assertThat(runtime.containersWithLabel(filter, false)).isEmpty();
    assertThat(runtime.containersWithLabel(filter, true)).extracting(ContainerInfo::name).containsExactly(spec.name());

    assertThat(runtime.findContainer(spec.name()).orElseThrow().started()).isEmpty();
    java.time.Instant beforeStart = java.time.Instant.now().minusSeconds(5);
    runtime.startContainer(spec.name());
    assertThat(runtime.findContainer(spec.name()).orElseThrow().started())
        .hasValueSatisfying(t -> assertThat(t).isBetween(beforeStart, java.time.Instant.now().plusSeconds(5)));
    assertThat(runtime.containersWithLabel(filter, false)).singleElement().satisfies(c -> {
      assertThat(c.running()).isTrue();
      assertThat(c.id()).isEqualTo(id);
      assertThat(c.image()).isEqualTo(TestImage.NAME);
    });

    runtime.stopContainer(spec.name(), Duration.ofSeconds(5));
    assertThat(runtime.findContainer(spec.name()).orElseThrow().running()).isFalse();
    runtime.stopContainer(spec.name(), Duration.ofSeconds(5)); // stopping a stopped one is fine

    assertThat(runtime.removeContainer(spec.name())).isTrue();
    assertThat(runtime.removeContainer(spec.name())).isFalse();
    assertThat(runtime.findContainer(spec.name())).isEmpty();
  }

  @Test
  void aTakenNameOrAMissingImageFailsNamingTheContainer() {
    NodeSpec spec = sleeper("dup").build();
    runtime.createContainer(spec);
    assertThatThrownBy(() -> runtime.createContainer(spec))
        .isInstanceOf(RuntimeFailure.class).hasMessageContaining("create container '" + spec.name());
    NodeSpec noImage = NodeSpec.builder(run + "-noimage", "dind-cluster-test/absent:" + run).labels(labels()).build();
    assertThatThrownBy(() -> runtime.createContainer(noImage))
        .isInstanceOf(NotFoundFailure.class).hasMessageContaining(noImage.name());
  }

  @Test
  void publishesAPortOnAFreeHostPort() {
    NodeSpec spec = sleeper("port").port(new PortMapping("127.0.0.1", 0, 6443)).build();
    runtime.run(spec);
    PublishedPort port = runtime.publishedPort(spec.name(), 6443).orElseThrow();
    assertThat(port.hostIp()).isEqualTo("127.0.0.1");
    assertThat(port.hostPort()).isBetween(1, 65535);
    assertThat(runtime.publishedPort(spec.name(), 80)).isEmpty();
  }

  @Test
  void filesGoInAndComeOut(@TempDir Path dir) throws IOException {
    NodeSpec spec = sleeper("files").build();
    runtime.run(spec);
    runtime.writeFile(spec.name(), "/tmp/kubeadm.conf", "kind: InitConfiguration\n".getBytes(StandardCharsets.UTF_8), 0600);
    assertThat(new String(runtime.readFile(spec.name(), "/tmp/kubeadm.conf"), StandardCharsets.UTF_8))
        .isEqualTo("kind: InitConfiguration\n");

    Path tree = Files.createDirectories(dir.resolve("cni"));
    Files.writeString(Files.createDirectories(tree.resolve("net.d")).resolve("10-bridge.conf"), "{\"type\":\"bridge\"}");
    runtime.copyInto(spec.name(), tree, "/tmp");
    assertThat(new String(runtime.readFile(spec.name(), "/tmp/cni/net.d/10-bridge.conf"), StandardCharsets.UTF_8))
        .isEqualTo("{\"type\":\"bridge\"}");

    assertThatThrownBy(() -> runtime.readFile(spec.name(), "/tmp/absent"))
        .isInstanceOf(RuntimeFailure.class).hasMessageContaining("/tmp/absent");
  }

  @Test
  void execNeedsARunningContainer() {
    NodeSpec spec = sleeper("stopped").build();
    runtime.createContainer(spec);
    assertThatThrownBy(() -> runtime.exec(spec.name(), "true"))
        .isInstanceOf(RuntimeFailure.class).hasMessageContaining(spec.name());
    assertThatThrownBy(() -> runtime.exec(run + "-absent", "true"))
        .isInstanceOf(NotFoundFailure.class).hasMessageContaining(run + "-absent");
  }

  @Test
  void aVolumeInUseStaysAndOutlivesItsContainer() {
    String volume = run + "-var";
    runtime.createVolume(volume, labels());
    NodeSpec spec = sleeper("vol").mount(volume, "/var").build();
    runtime.run(spec);
    assertThatThrownBy(() -> runtime.removeVolume(volume))
        .isInstanceOf(RuntimeFailure.class).hasMessageContaining(volume);
    runtime.removeContainer(spec.name());
    assertThat(runtime.findVolume(volume)).isPresent();
  }

  @Test
  void aVolumesFilesAreReadThroughAContainerThatNeverStarted() {
    String volume = run + "-state";
    runtime.createVolume(volume, labels());
    NodeSpec writer = sleeper("writer").mount(volume, "/var").build();
    runtime.run(writer);
    runtime.writeFile(writer.name(), "/var/snapshot-ok", "done\n".getBytes(StandardCharsets.UTF_8), 0644);
    runtime.removeContainer(writer.name());

    NodeSpec probe = sleeper("probe").mount(volume, "/probe/node").build();
    runtime.createContainer(probe);
    assertThat(new String(runtime.readFile(probe.name(), "/probe/node/snapshot-ok"), StandardCharsets.UTF_8)).isEqualTo("done\n");
    assertThatThrownBy(() -> runtime.readFile(probe.name(), "/probe/node/absent"))
        .isInstanceOf(NotFoundFailure.class).hasMessageContaining("/probe/node/absent");
    assertThat(runtime.findContainer(probe.name()).orElseThrow().running()).isFalse();
  }

  /** What bake relies on: a container's own files (not its volumes) committed into an image with labels. */
  @Test
  void aContainersFilesAreCommittedIntoAnImageWithLabels() {
    String image = "dind-cluster-test/" + run + ":baked";
    try {
      NodeSpec source = sleeper("source").label("dev.dindcluster.test-role", "helper").build();
      runtime.run(source);
      runtime.writeFile(source.name(), "/tmp/var.tar", "the tree\n".getBytes(StandardCharsets.UTF_8), 0600);
      runtime.commitContainer(source.name(), image,
          Map.of("dev.dindcluster.test-baked", "yes", "dev.dindcluster.test-role", ""), List.of());
      assertThat(runtime.imageLabels(image).orElseThrow()).containsEntry("dev.dindcluster.test-baked", "yes");
      // The image keeps the container's labels (the engine cannot drop one), the commit's override
      // them, and a container of the image has them unless it sets its own: what bake relies on.
      NodeSpec plain = NodeSpec.builder(run + "-plain", image).label(TEST_LABEL, run).build();
      runtime.createContainer(plain);
      assertThat(runtime.findContainer(plain.name()).orElseThrow().labels())
          .containsEntry("dev.dindcluster.test-role", "").containsEntry("dev.dindcluster.test-baked", "yes");
      NodeSpec restored = NodeSpec.builder(run + "-restored", image).labels(labels()).build();
      runtime.createContainer(restored);
      assertThat(new String(runtime.readFile(restored.name(), "/tmp/var.tar"), StandardCharsets.UTF_8)).isEqualTo("the tree\n");
    } finally {
      runtime.containersWithLabel(TEST_LABEL + "=" + run, true).forEach(c -> runtime.removeContainer(c.name()));
      runtime.removeImage(image);
    }
  }

  @Test
  void aCreatedContainerIsConnectedToAnotherNetwork() {
    NetworkSpec net = network(randomSubnetPrefix());
    runtime.createNetworkIfAbsent(net);
    NodeSpec spec = sleeper("extra-net").build();
    runtime.createContainer(spec);
    runtime.connectNetwork(spec.name(), net.name());
    runtime.startContainer(spec.name());
    assertThatThrownBy(() -> runtime.removeNetwork(net.name())).isInstanceOf(RuntimeFailure.class);
    assertThatThrownBy(() -> runtime.connectNetwork(spec.name(), run + "-absent-net"))
        .isInstanceOf(NotFoundFailure.class).hasMessageContaining(run + "-absent-net");
    runtime.removeContainer(spec.name());
    assertThat(runtime.removeNetwork(net.name())).isTrue();
  }

  @Test
  void aContainerGetsItsStaticAddressOnTheNetwork() {
    String prefix = randomSubnetPrefix();
    NetworkSpec net = network(prefix);
    runtime.createNetworkIfAbsent(net);
    NodeSpec spec = sleeper("ip").network(net.name()).ipv4(prefix + ".2").build();
    runtime.run(spec);
    assertThat(runtime.findContainer(spec.name()).orElseThrow().running()).isTrue();
    assertThatThrownBy(() -> runtime.removeNetwork(net.name())).isInstanceOf(RuntimeFailure.class);
    runtime.removeContainer(spec.name());
    assertThat(runtime.removeNetwork(net.name())).isTrue();
  }

  @Test
  void savedImagesLoadBack() {
    java.io.ByteArrayOutputStream saved = new java.io.ByteArrayOutputStream();
    runtime.saveImage(TestImage.NAME, saved);
    assertThat(saved.size()).isGreaterThan(1000);
    runtime.loadImage(new ByteArrayInputStream(saved.toByteArray()));
    assertThat(runtime.imageExists(TestImage.NAME)).isTrue();
  }
}
