package dev.dindcluster.wiring;

import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.kube.KubeconfigEntry;
import dev.dindcluster.kube.KubeconfigStore;
import dev.dindcluster.kube.fabric8.Fabric8KubeApi;
import dev.dindcluster.kube.fabric8.Fabric8KubeconfigStore;
import dev.dindcluster.lifecycle.Adapters;
import dev.dindcluster.lifecycle.NodeImageBuilder;
import dev.dindcluster.release.ReleaseNodeImageBuilder;
import dev.dindcluster.runtime.NodeRuntime;
import dev.dindcluster.runtime.docker.DockerNodeRuntime;
import java.util.Map;
import java.util.function.Function;

/** The real adapters: docker-java for the engine, fabric8 for the API server and kubeconfig files. */
public final class RealAdapters {
  private RealAdapters() {}

  /** Adapters configured from an environment (DOCKER_HOST, KUBECONFIG, HOME ...), read here and nowhere else. */
  public static Adapters forEnvironment(Map<String, String> env) {
    Map<String, String> copy = Map.copyOf(env);
    return new Adapters() {
      @Override
      public NodeRuntime runtime() {
        return DockerNodeRuntime.fromEnv(copy);
      }

      @Override
      public KubeconfigStore kubeconfigs() {
        return Fabric8KubeconfigStore.forEnv(copy);
      }

      @Override
      public Function<KubeconfigEntry, KubeApi> kubeApis() {
        return Fabric8KubeApi::connect;
      }

      @Override
      public void warmUpKubeApi() {
        startWarmUp();
      }

      @Override
      public NodeImageBuilder imageBuilder() {
        return new ReleaseNodeImageBuilder();
      }
    };
  }

  /** The same adapters, with the kubeconfig kept in {@code file} (the command line's --kubeconfig). */
  public static Adapters withKubeconfig(Adapters base, java.nio.file.Path file) {
    return new Adapters() {
      @Override
      public NodeRuntime runtime() {
        return base.runtime();
      }

      @Override
      public KubeconfigStore kubeconfigs() {
        return new Fabric8KubeconfigStore(file, java.time.Duration.ofSeconds(30));
      }

      @Override
      public Function<KubeconfigEntry, KubeApi> kubeApis() {
        return base.kubeApis();
      }

      @Override
      public void warmUpKubeApi() {
        base.warmUpKubeApi();
      }

      @Override
      public NodeImageBuilder imageBuilder() {
        return base.imageBuilder();
      }
    };
  }

  /** A daemon thread: it never holds the JVM open, and a run that ends first simply does not need it. */
  private static void startWarmUp() {
    Thread thread = new Thread(Fabric8KubeApi::warmUp, "dind-kube-client-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }
}
