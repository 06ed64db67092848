package dev.dindcluster.cli;

import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.lifecycle.NodeImageBuilder;
import dev.dindcluster.release.ReleaseNodeImageBuilder;
import dev.dindcluster.kube.KubeconfigEntry;
import dev.dindcluster.kube.KubeconfigStore;
import dev.dindcluster.kube.fabric8.Fabric8KubeApi;
import dev.dindcluster.kube.fabric8.Fabric8KubeconfigStore;
import dev.dindcluster.runtime.NodeRuntime;
import dev.dindcluster.runtime.docker.DockerNodeRuntime;
import java.util.Map;
import java.util.function.Function;

/** The side-effecting adapters a command may use; {@link #real} picks docker-java and fabric8. */
public interface Adapters {
  NodeRuntime runtime();

  KubeconfigStore kubeconfigs();

  Function<KubeconfigEntry, KubeApi> kubeApis();

  /** What makes a missing node image; fakes build nothing. */
  default NodeImageBuilder imageBuilder() {
    return NodeImageBuilder.NONE;
  }

  static Adapters real(Map<String, String> env) {
    return new Adapters() {
      @Override
      public NodeRuntime runtime() {
        return DockerNodeRuntime.fromEnv(env);
      }

      @Override
      public KubeconfigStore kubeconfigs() {
        return Fabric8KubeconfigStore.forEnv(env);
      }

      @Override
      public Function<KubeconfigEntry, KubeApi> kubeApis() {
        return Fabric8KubeApi::connect;
      }

      @Override
      public NodeImageBuilder imageBuilder() {
        return new ReleaseNodeImageBuilder();
      }
    };
  }
}
