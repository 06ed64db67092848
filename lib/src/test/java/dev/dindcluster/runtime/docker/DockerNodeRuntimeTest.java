package dev.dindcluster.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.dindcluster.runtime.ExecRequest;
import dev.dindcluster.runtime.ExecResult;
import dev.dindcluster.runtime.ExecTimeoutFailure;
import dev.dindcluster.runtime.NetworkSpec;
import dev.dindcluster.runtime.NodeRuntime;
import dev.dindcluster.runtime.NodeRuntimeContract;
import dev.dindcluster.runtime.NodeSecurity;
import dev.dindcluster.runtime.NodeSpec;
import dev.dindcluster.runtime.RuntimeFailure;
import dev.dindcluster.runtime.Subnet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract on the real engine (the evidence that the docker-java runtime works), plus what only
 * a real engine can show: exec output and exit codes, and that a {@link NodeSpec}'s
 * settings (the node contract's security, tmpfs, signals, ...) reach the container. Shares the
 * contract's setup and cleanup.
 */
@Tag("engine")
class DockerNodeRuntimeTest extends NodeRuntimeContract {
  private DockerClient docker;

  @Override
  protected NodeRuntime newRuntime() {
    docker = DockerClients.create(System.getenv());
    return DockerNodeRuntime.fromEnv(System.getenv());
  }

  @org.junit.jupiter.api.AfterEach
  void closeDocker() throws java.io.IOException {
    docker.close();
  }

  @Test
  void execCapturesStdoutStderrExitCodeAndEnv() {
    String name = run + "-exec";
    runtime.run(sleeper("exec").build());
    ExecResult result = runtime.exec(name, new ExecRequest(
        List.of("sh", "-c", "echo out $GREETING; echo err >&2; exit 3"), Map.of("GREETING", "hello"), null));
    assertThat(result.stdout()).isEqualTo("out hello\n");
    assertThat(result.stderr()).isEqualTo("err\n");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThatThrownBy(() -> result.orThrow(name, ExecRequest.of("sh")))
        .isInstanceOf(RuntimeFailure.class).hasMessageContaining("exited with 3").hasMessageContaining("! err");
    assertThat(runtime.exec(name, "true").ok()).isTrue();
  }

  @Test
  void execLargeOutputArrivesWhole() {
    String name = run + "-big";
    runtime.run(sleeper("big").build());
    ExecResult result = runtime.exec(name, "sh", "-c", "i=0; while [ $i -lt 20000 ]; do echo line$i; i=$((i+1)); done");
    assertThat(result.stdout().split("\n")).hasSize(20000).endsWith("line19999");
  }

  @Test
  void execStreamingCopiesMergedOutputAsItArrives() {
    String name = run + "-stream";
    runtime.run(sleeper("stream").build());
    long[] firstByteAt = {0};
    var sink = new java.io.ByteArrayOutputStream() {
      @Override
      public synchronized void write(byte[] b, int off, int len) {
        if (firstByteAt[0] == 0) {
          firstByteAt[0] = System.nanoTime();
        }
        super.write(b, off, len);
      }
    };
    int exitCode = runtime.execStreaming(name, ExecRequest.of("sh", "-c", "echo first; sleep 2; echo second >&2; exit 3"), sink);
    long returnedAt = System.nanoTime();
    assertThat(exitCode).isEqualTo(3);
    assertThat(sink.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("first\nsecond\n");
    // "first" was handed over while the command still ran: nothing waited for the whole output.
    assertThat(Duration.ofNanos(returnedAt - firstByteAt[0])).isGreaterThan(Duration.ofMillis(1500));
    var big = new java.io.ByteArrayOutputStream();
    assertThat(runtime.execStreaming(name, ExecRequest.of("sh", "-c",
        "i=0; while [ $i -lt 20000 ]; do echo line$i; i=$((i+1)); done"), big)).isZero();
    assertThat(big.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")).hasSize(20000).endsWith("line19999");
    assertThatThrownBy(() -> runtime.execStreaming(name, ExecRequest.of("sh", "-c", "echo started; sleep 30")
            .withTimeout(Duration.ofMillis(1500)), new java.io.ByteArrayOutputStream()))
        .isInstanceOf(ExecTimeoutFailure.class);
  }

  @Test
  void execTimesOutWithWhatItPrinted() {
    String name = run + "-slow";
    runtime.run(sleeper("slow").build());
    long start = System.nanoTime();
    assertThatThrownBy(() -> runtime.exec(name, ExecRequest.of("sh", "-c", "echo started; sleep 30")
            .withTimeout(Duration.ofMillis(1500))))
        .isInstanceOf(ExecTimeoutFailure.class)
        .hasMessageContaining("did not finish within 1s")
        .satisfies(e -> assertThat(((ExecTimeoutFailure) e).partial().stdout()).isEqualTo("started\n"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void nodeSettingsReachTheContainer() {
    String prefix = randomSubnetPrefix();
    String v6 = String.format("fd00:dd:%x::", ThreadLocalRandom.current().nextInt(1, 0xffff));
    NetworkSpec net = new NetworkSpec(run + "-net", labels(),
        List.of(Subnet.withGateway(prefix + ".0/24", prefix + ".1"), Subnet.withGateway(v6 + "/64", v6 + "1")), true);
    runtime.createNetworkIfAbsent(net);
    String volume = run + "-var";
    runtime.createVolume(volume, labels());
    NodeSpec spec = sleeper("node")
        .hostname("kube-master-test")
        .network(net.name()).ipv4(prefix + ".2").ipv6(v6 + "2")
        .mount(volume, "/var")
        .tmpfs("/run").tmpfs("/run/lock")
        .env("CNI_PLUGIN", "bridge")
        .stopSignal("SIGRTMIN+3")
        .cgroupnsPrivate(true)
        .device("/dev/kmsg")
        .extraHost("kube-node-1:" + prefix + ".3")
        .sysctl("net.ipv4.ip_forward", "1")
        .build();
    runtime.run(spec);
    String name = spec.name();

    assertThat(runtime.exec(name, "hostname").stdout().strip()).isEqualTo("kube-master-test");
    assertThat(runtime.exec(name, "ip", "addr", "show", "eth0").stdout())
        .contains("inet " + prefix + ".2/24").contains("inet6 " + v6 + "2/64");
    assertThat(runtime.exec(name, "cat", "/proc/mounts").stdout())
        .containsPattern("tmpfs /run tmpfs").containsPattern("tmpfs /run/lock tmpfs").contains(" /var ");
    assertThat(runtime.exec(name, "sh", "-c", "cat /proc/1/environ | tr '\\0' '\\n'").stdout()).contains("CNI_PLUGIN=bridge");
    assertThat(runtime.exec(name, "cat", "/etc/hosts").stdout()).contains(prefix + ".3\tkube-node-1");
    assertThat(runtime.exec(name, "cat", "/proc/sys/net/ipv4/ip_forward").stdout().strip()).isEqualTo("1");
    assertThat(runtime.exec(name, "ls", "/dev/kmsg").ok()).isTrue();

    InspectContainerResponse inspect = docker.inspectContainerCmd(name).exec();
    // docker-java's model has no StopSignal getter; the CLI shows what the engine stored.
    assertThat(dockerInspect(name, "{{.Config.StopSignal}}")).isEqualTo("SIGRTMIN+3");
    assertThat(inspect.getHostConfig().getCgroupnsMode()).isEqualTo("private");
  }

  @Test
  void restrictedSecurityGivesEverythingButSysResourceAndWritableProcSys() {
    NodeSpec spec = sleeper("restricted").security(NodeSecurity.RESTRICTED).build();
    runtime.run(spec);
    String capBnd = runtime.exec(spec.name(), "grep", "CapBnd", "/proc/self/status").stdout();
    long bits = Long.parseUnsignedLong(capBnd.replace("CapBnd:", "").strip(), 16);
    assertThat(bits & (1L << 24)).as("CAP_SYS_RESOURCE").isZero();
    assertThat(bits & (1L << 21)).as("CAP_SYS_ADMIN").isNotZero();
    assertThat(bits & (1L << 12)).as("CAP_NET_ADMIN").isNotZero();
    // systempaths=unconfined: /proc/sys is writable, so the node can set its own sysctls.
    ExecResult write = runtime.exec(spec.name(), "sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward && cat /proc/sys/net/ipv4/ip_forward");
    assertThat(write.stdout().strip()).as(write.stderr()).isEqualTo("1");
    InspectContainerResponse inspect = docker.inspectContainerCmd(spec.name()).exec();
    assertThat(inspect.getHostConfig().getSecurityOpts()).contains("seccomp=unconfined", "apparmor=unconfined");
    assertThat(inspect.getHostConfig().getDeviceCgroupRules()).containsExactly("a *:* rwm");
  }

  @Test
  void privilegedWorksWhereTheHostAllowsItAndFailsClearlyWhereNot() {
    NodeSpec spec = sleeper("privileged").security(NodeSecurity.PRIVILEGED).build();
    if (runtime.engineInfo().restricted()) {
      runtime.createContainer(spec);
      assertThatThrownBy(() -> runtime.startContainer(spec.name()))
          .isInstanceOf(RuntimeFailure.class).hasMessageContaining("start container '" + spec.name() + "'");
    } else {
      runtime.run(spec);
      assertThat(runtime.exec(spec.name(), "grep", "CapBnd", "/proc/self/status").ok()).isTrue();
    }
  }

  @Test
  void logsHoldWhatTheContainerPrinted() {
    NodeSpec spec = NodeSpec.builder(run + "-logs", dev.dindcluster.runtime.TestImage.NAME).labels(labels())
        .command("sh", "-c", "echo to-stdout; echo to-stderr >&2").build();
    runtime.run(spec);
    for (int i = 0; i < 100 && runtime.findContainer(spec.name()).orElseThrow().running(); i++) {
      sleep(50);
    }
    assertThat(runtime.logs(spec.name())).contains("to-stdout").contains("to-stderr");
  }

  @Test
  void copiedTreesKeepModesAndLinks(@TempDir Path dir) throws Exception {
    NodeSpec spec = sleeper("modes").build();
    runtime.run(spec);
    Path tree = Files.createDirectories(dir.resolve("bin"));
    Path script = Files.writeString(tree.resolve("hello"), "#!/bin/sh\necho hello from script\n");
    Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
    Files.createSymbolicLink(tree.resolve("hi"), Path.of("hello"));
    runtime.copyInto(spec.name(), tree, "/tmp");
    assertThat(runtime.exec(spec.name(), "/tmp/bin/hi").stdout()).isEqualTo("hello from script\n");
    assertThat(runtime.exec(spec.name(), "stat", "-c", "%a %u", "/tmp/bin/hello").stdout().strip()).isEqualTo("750 0");
    runtime.writeFile(spec.name(), "/tmp/secret", new byte[] {1, 2, 3}, 0600);
    assertThat(runtime.exec(spec.name(), "stat", "-c", "%a %s", "/tmp/secret").stdout().strip()).isEqualTo("600 3");
  }

  @Test
  void aBigFileStreamsIn(@TempDir Path dir) throws Exception {
    NodeSpec spec = sleeper("bigfile").mount(run + "-bigvol", "/data").build();
    runtime.createVolume(run + "-bigvol", labels());
    runtime.run(spec);
    Path big = dir.resolve("images.tar");
    byte[] block = new byte[1 << 20];
    ThreadLocalRandom.current().nextBytes(block);
    try (var out = Files.newOutputStream(big)) {
      for (int i = 0; i < 64; i++) {
        out.write(block);
      }
    }
    runtime.copyInto(spec.name(), big, "/data");
    assertThat(runtime.exec(spec.name(), "stat", "-c", "%s", "/data/images.tar").stdout().strip())
        .isEqualTo(String.valueOf(64L << 20));
  }

  @Test
  void theCgroupVersionReadFromInfosJsonIsTheTypedModels() {
    String typed = docker.infoCmd().exec().getCGroupVersion();
    assertThat(typed).as("this engine reports its cgroup version").isNotBlank();
    assertThat(runtime.engineInfo().cgroupVersion()).isEqualTo(Integer.parseInt(typed.strip()));
  }

  @Test
  void aMissingEngineFailsNamingTheAddress() {
    try (NodeRuntime absent = DockerNodeRuntime.fromEnv(Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"))) {
      assertThatThrownBy(absent::engineInfo)
          .isInstanceOf(RuntimeFailure.class)
          .hasMessageContaining("unix:///nonexistent/docker.sock")
          .hasMessageContaining("is dockerd running");
    }
  }

  private static String dockerInspect(String name, String format) {
    try {
      Process process = new ProcessBuilder("docker", "inspect", "-f", format, name).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      process.waitFor();
      return out.strip();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
