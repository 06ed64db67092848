package dev.dindcluster.kube.fabric8;

import dev.dindcluster.kube.KubeconfigStore;
import dev.dindcluster.kube.KubeconfigStoreContract;
import java.nio.file.Path;
import java.time.Duration;

class Fabric8KubeconfigStoreContractTest extends KubeconfigStoreContract {
  @Override
  protected KubeconfigStore newStore(Path dir) {
    return new Fabric8KubeconfigStore(dir.resolve("kubeconfig"), Duration.ofSeconds(2));
  }
}
