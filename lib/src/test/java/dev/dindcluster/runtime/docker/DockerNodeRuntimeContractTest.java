package dev.dindcluster.runtime.docker;

import dev.dindcluster.runtime.NodeRuntime;
import dev.dindcluster.runtime.NodeRuntimeContract;
import org.junit.jupiter.api.Tag;

/** The contract on the real engine: the evidence that the docker-java runtime works. */
@Tag("engine")
class DockerNodeRuntimeContractTest extends NodeRuntimeContract {
  @Override
  protected NodeRuntime newRuntime() {
    return DockerNodeRuntime.fromEnv(System.getenv());
  }
}
