package dev.dindcluster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.runtime.ExecResult;
import dev.dindcluster.runtime.FakeNodeRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImagePreloadTest {
  @Test
  void aNodeLacksImagesItDoesNotHaveOrHasFromAnotherBuild() {
    List<List<String>> commands = new java.util.ArrayList<>();
    FakeNodeRuntime runtime = new FakeNodeRuntime().onExec((node, request) -> {
      commands.add(request.command());
      // `docker image inspect` prints what it found (one line per image, all its tags) and fails for the rest.
      return new ExecResult(1, "e2e/nginx:1.14-alpine,e2e/nginx:1.15-alpine k1\ne2e/agnhost:2.21 old\n",
          "Error: No such image: e2e/busybox:1.29");
    });
    runtime.addImage("node:1", Map.of());
    runtime.createContainer(dev.dindcluster.runtime.NodeSpec.builder("kube-node-1", "node:1").build());
    runtime.startContainer("kube-node-1");
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put("e2e/agnhost:2.21", "k1");
    wanted.put("e2e/nginx:1.14-alpine", "k1");
    wanted.put("e2e/nginx:1.15-alpine", "k1");
    wanted.put("e2e/busybox:1.29", "k1");

    List<String> stale = ImagePreload.staleIn(runtime, "kube-node-1", wanted);

    assertThat(stale).containsExactly("e2e/agnhost:2.21", "e2e/busybox:1.29");
    assertThat(commands).hasSize(1);
    assertThat(commands.get(0)).startsWith("docker", "image", "inspect").endsWith("e2e/busybox:1.29");
  }
}
