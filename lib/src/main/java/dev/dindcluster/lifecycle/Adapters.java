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

  /**
   * Called when a run that will talk to the API server begins; returns at once. The real adapters
   * load the API client's classes on a background thread while the nodes start. Fakes need nothing.
   */
  default void warmUpKubeApi() {}

  /** What makes a missing node image; fakes build nothing. */
  default NodeImageBuilder imageBuilder() {
    return NodeImageBuilder.NONE;
  }
}
