package dev.dindcluster.kube;

import java.nio.file.Path;

class FakeKubeconfigStoreContractTest extends KubeconfigStoreContract {
  @Override
  protected KubeconfigStore newStore(Path dir) {
    return new FakeKubeconfigStore(dir.resolve("kubeconfig"));
  }
}
