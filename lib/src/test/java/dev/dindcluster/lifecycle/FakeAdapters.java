package dev.dindcluster.lifecycle;

import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.kube.KubeconfigEntry;
import dev.dindcluster.kube.KubeconfigStore;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.function.Function;

/** Adapters over a fake runtime for tests that make no API calls (one that is made fails the test). */
public final class FakeAdapters {
  private FakeAdapters() {}

  /** With a kubeconfig store; {@code null} for tests that must not touch one. */
  public static Adapters of(NodeRuntime runtime, KubeconfigStore kubeconfigs) {
    return new Adapters() {
      @Override
      public NodeRuntime runtime() {
        return runtime;
      }

      @Override
      public KubeconfigStore kubeconfigs() {
        if (kubeconfigs == null) {
          throw new AssertionError("no kubeconfig expected");
        }
        return kubeconfigs;
      }

      @Override
      public Function<KubeconfigEntry, KubeApi> kubeApis() {
        return entry -> {
          throw new AssertionError("no API calls expected");
        };
      }
    };
  }

  public static Adapters of(NodeRuntime runtime) {
    return of(runtime, null);
  }
}
