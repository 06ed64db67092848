package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.Planner;
import dev.dindcluster.runtime.FakeNodeRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortForwarderTest {
  @TempDir Path dir;

  @Test
  void aBareNameIsLookedUpOnPathAndAPathIsTakenAsGiven() throws Exception {
    Path fwd = Files.writeString(dir.resolve("fwd.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(fwd, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(PortForwarder.resolve("fwd.sh", "/nonexistent:" + dir)).contains(fwd);
    assertThat(PortForwarder.resolve(fwd.toString(), "")).contains(fwd);
    assertThat(PortForwarder.resolve("", "/bin")).isEqualTo(Optional.empty());
    assertThatThrownBy(() -> PortForwarder.resolve("fwd.sh", "/nonexistent"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fwd.sh': no executable of that name on PATH");
    Files.setPosixFilePermissions(fwd, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> PortForwarder.resolve(fwd.toString(), ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an executable file");
  }

  @Test
  void aMissingForwarderStopsUpBeforeAnythingIsCreated() {
    FakeNodeRuntime runtime = new FakeNodeRuntime().addImage("dind-cluster/node:v1.20.2", Map.of());
    ClusterPlan plan = Planner.plan(Map.of("DIND_PORT_FORWARDER", "./no-such-forwarder.sh"),
        new FixedRelease("dind-cluster-v1.20", "v1.20.2", "dind-cluster/node:v1.20.2"), () -> 1);
    ClusterSession session = new ClusterSession(plan, runtime,
        new dev.dindcluster.kube.fabric8.Fabric8KubeconfigStore(dir.resolve("kubeconfig"), java.time.Duration.ofSeconds(2)),
        entry -> { throw new AssertionError("no API calls expected"); }, dev.dindcluster.progress.Progress.silent(),
        ClusterSession.Options.defaults());
    assertThatThrownBy(() -> ActionRunner.run(session, ClusterLifecycle.fullBringUp(plan, List.of(), List.of())))
        .hasMessageContaining("DIND_PORT_FORWARDER './no-such-forwarder.sh'").hasMessageContaining("does not exist");
    assertThat(runtime.journal()).noneMatch(line -> line.startsWith("create"));
  }
}
