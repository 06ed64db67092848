package dev.dindcluster.lifecycle;

import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.kube.KubeconfigEntry;
import dev.dindcluster.kube.KubeconfigStore;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.function.Function;

/**
 * The side-effecting adapters a cluster operation uses. The composition roots (the CLI and the
 * public API) pick docker-java and fabric8 through {@code dev.dindcluster.wiring.RealAdapters}; tests
 * pass fakes.
 */
public interface Adapters {
  /** A new connection to the engine; the caller closes it. */
  NodeRuntime runtime();

  KubeconfigStore kubeconfigs();

  Function<KubeconfigEntry, KubeApi> kubeApis();

  /** What makes a missing node image; fakes build nothing. */
  default NodeImageBuilder imageBuilder() {
    return NodeImageBuilder.NONE;
  }
}
