package dev.dindcluster.nodeimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The node entrypoint's decisions (scripts/node-image/node/usr/local/lib/dind/entrypoint-lib.sh),
 * run by /bin/sh on made-up inputs: status files of restricted and full-privilege hosts, sandbox
 * image records, the NAT rules Docker 20.10 put into a container on a user-defined network (captured
 * on this project's machine), and containerd's configuration against golden files.
 */
class EntrypointLibTest {
  static final Path LIB = Path.of("../scripts/node-image/node/usr/local/lib/dind/entrypoint-lib.sh").toAbsolutePath().normalize();
  static final Path FIXTURES = Path.of("src/test/resources/node-entrypoint").toAbsolutePath();

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run call(String function, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("sh", "-c", ". \"$0\"; " + function + " \"$@\"", LIB.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, err);
  }

  Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  static String status(String capBnd) {
    return "Name:\tdind-entrypoint\nCapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapBnd:\t" + capBnd + "\nCapAmb:\t0000000000000000\n";
  }

  @ParameterizedTest(name = "CapBnd {0}: restricted {1}")
  @CsvSource({
      "000001ffffffffff, false", // plain --privileged on a full host
      "000001fffeffffff, true",  // --cap-add ALL --cap-drop SYS_RESOURCE (this project's machine)
      "00000000a80425fb, true",  // Docker's default set: no SYS_RESOURCE either
  })
  void restrictedWhenTheBoundingSetLacksSysResource(String capBnd, String restricted) throws Exception {
    Run run = call("dind_restricted", file("status", status(capBnd)).toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo(restricted + "\n");
  }

  @Test
  void aStatusFileWithoutABoundingSetFails() throws Exception {
    Run run = call("dind_restricted", file("status", "Name:\tx\n").toString());
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("no CapBnd line");
  }

  @Test
  void theSandboxImageIsTheRecordedOneAndAMissingRecordStopsTheBoot() throws Exception {
    Run run = call("dind_sandbox_image", file("sandbox-image", "dind-cluster.local/pause:3.10.1\n").toString());
    assertThat(run.out()).isEqualTo("dind-cluster.local/pause:3.10.1\n");
    assertThat(call("dind_sandbox_image", file("old", "dind-cluster.local/pause-amd64:3.1\n").toString()).out())
        .isEqualTo("dind-cluster.local/pause-amd64:3.1\n");
    Run missing = call("dind_sandbox_image", dir.resolve("absent").toString());
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.err()).contains("names no pause image");
    assertThat(call("dind_sandbox_image", file("junk", "dind-cluster.local/etcd:3.4.13-0\n").toString()).exit()).isNotZero();
  }

  @ParameterizedTest(name = "{0}, restricted {1}")
  @CsvSource({
      "dind-cluster.local/pause:3.2, true, containerd-pause-3.2-restricted.toml",
      "dind-cluster.local/pause:3.10.1, false, containerd-pause-3.10.1-full-privilege.toml",
  })
  void containerdsConfigurationMatchesItsGoldenFile(String sandbox, String restricted, String golden) throws Exception {
    Run run = call("dind_containerd_config", sandbox, restricted);
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo(Files.readString(FIXTURES.resolve(golden)));
  }

  @Test
  void theEnginesDnsRulesAreExtendedToTheGatewayForTheNodeAndItsPods() throws Exception {
    Run run = call("dind_dns_rules", FIXTURES.resolve("docker-20.10-nat.rules").toString(), "172.18.0.1");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo(Files.readString(FIXTURES.resolve("docker-20.10-nat.rules.gateway-172.18.0.1")));
  }

  @Test
  void withoutTheEnginesDnsRulesNothingIsRestored() throws Exception {
    // The default bridge network (a CI service container): resolv.conf is the host's, no DNAT rules.
    Path empty = file("nat", "*nat\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n");
    Run run = call("dind_dns_rules", empty.toString(), "172.17.0.1");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEmpty();
  }

  @Test
  void resolvConfNamesTheGatewayInsteadOfTheLoopbackResolver() throws Exception {
    Path resolv = file("resolv.conf", "search example.test\nnameserver 127.0.0.11\noptions ndots:0\n");
    Run run = call("dind_resolv_conf", resolv.toString(), "172.18.0.1");
    assertThat(run.out()).isEqualTo("search example.test\nnameserver 172.18.0.1\noptions ndots:0\n");
    // A resolv.conf the engine did not point at its embedded DNS (another network kind) is left alone.
    Path other = file("other.conf", "nameserver 10.0.0.2\n");
    assertThat(call("dind_resolv_conf", other.toString(), "172.18.0.1").out()).isEqualTo("nameserver 10.0.0.2\n");
  }

  static final String V1_MOUNTS = """
      81 80 0:47 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime - tmpfs tmpfs rw,mode=755
      82 81 0:29 /docker/9f6b /sys/fs/cgroup/cpu ro,nosuid,nodev,noexec,relatime - cgroup cgroup rw,cpu
      85 81 0:32 /docker/9f6b /sys/fs/cgroup/memory ro,nosuid,nodev,noexec,relatime - cgroup cgroup rw,memory
      """;
  static final String HYBRID_MOUNTS = V1_MOUNTS
      + "86 81 0:33 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate\n";
  static final String V2_MOUNTS = """
      700 690 0:30 / /sys/fs/cgroup ro,nosuid,nodev,noexec,relatime - cgroup2 cgroup rw,nsdelegate
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource({"V1, v1", "HYBRID, hybrid", "V2, v2"})
  void theCgroupModeIsReadFromMountinfo(String kind, String mode) throws Exception {
    String mounts = switch (kind) {
      case "V1" -> V1_MOUNTS; // this project's machine, inside a node container
      case "HYBRID" -> HYBRID_MOUNTS;
      default -> V2_MOUNTS;
    };
    assertThat(call("dind_cgroup_mode", file("mountinfo", mounts).toString()).out()).isEqualTo(mode + "\n");
  }

  @Test
  void onCgroupV2TheNodesProcessesLeaveTheRootAndItsControllersAreHandedDown() throws Exception {
    Path root = Files.createDirectories(dir.resolve("cgroup"));
    Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
    Files.writeString(root.resolve("cgroup.procs"), "1\n27\n31\n");
    Run run = call("dind_cgroup2_nest", root.toString());
    assertThat(run.exit()).isZero();
    assertThat(Files.readString(root.resolve("init/cgroup.procs"))).isEqualTo("1\n27\n31\n");
    assertThat(Files.readString(root.resolve("cgroup.subtree_control"))).isEqualTo("+cpuset +cpu +io +memory +pids\n");
  }

  @Test
  void aCgroupV1TreeIsNotNested() throws Exception {
    Path root = Files.createDirectories(dir.resolve("v1"));
    Files.createDirectories(root.resolve("memory"));
    Run run = call("dind_cgroup2_nest", root.toString());
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("is not a cgroup v2 hierarchy");
    assertThat(root.resolve("init")).doesNotExist();
  }

  @ParameterizedTest(name = "legacy rules {0}, nft rules {1}: {2}")
  @CsvSource({
      "0, 6, nft",    // this machine: the host's engine wrote its DNS rules through nft
      "6, 0, legacy", // a host whose engine uses iptables-legacy
      "0, 0, nft",    // nothing anywhere (the default bridge): Debian's default
      "9, 6, legacy",
  })
  void theIptablesBackendIsTheOneHoldingTheHostsRules(int legacy, int nft, String backend) throws Exception {
    Path legacySave = file("legacy", "*nat\n" + "-A OUTPUT -j X\n".repeat(legacy) + "COMMIT\n");
    Path nftSave = file("nft", "*nat\n" + "-A OUTPUT -j X\n".repeat(nft) + "COMMIT\n");
    assertThat(call("dind_iptables_backend", legacySave.toString(), nftSave.toString()).out()).isEqualTo(backend + "\n");
  }

  @Test
  void theRealRulesCapturedHereSelectNft() throws Exception {
    Path empty = file("legacy", "*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n");
    assertThat(call("dind_iptables_backend", empty.toString(), FIXTURES.resolve("docker-20.10-nat.rules").toString()).out())
        .isEqualTo("nft\n");
  }
}
