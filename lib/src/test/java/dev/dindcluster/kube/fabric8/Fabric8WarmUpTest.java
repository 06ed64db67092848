package dev.dindcluster.kube.fabric8;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class Fabric8WarmUpTest {
  @Test
  void warmingUpTheClientNeedsNoServerAndThrowsNothing() {
    // Its fixtures must stay parseable by the client: a failure would be swallowed and only cost time.
    assertThatCode(Fabric8KubeApi::warmUpOrThrow).doesNotThrowAnyException();
  }
}
