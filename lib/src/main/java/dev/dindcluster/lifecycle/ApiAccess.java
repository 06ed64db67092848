package dev.dindcluster.lifecycle;

import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.kube.KubeFailure;
import dev.dindcluster.kube.KubeconfigEntry;
import dev.dindcluster.kube.KubeconfigStore;
import dev.dindcluster.net.ClusterAddressing;
import dev.dindcluster.net.IpFamily;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.runtime.NodeRuntime;
import dev.dindcluster.runtime.PublishedPort;
import dev.dindcluster.runtime.RuntimeFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds a way to the API server of a running cluster without changing anything: the kubeconfig
 * entry {@code up} wrote (context {@code plan.context()}), else the master's own admin.conf with
 * the server rewritten to the port published on the host (for a kubeconfig that was moved, edited
 * or belongs to another user).
 */
public final class ApiAccess {
  private ApiAccess() {}

  /** The server URL of the API server published on the host at {@code port}. */
  public static String publishedServer(ClusterPlan plan, int port) {
    var bind = plan.apiServer().bindAddress();
    String host = bind.family() == IpFamily.IPV6 ? "[" + bind + "]" : bind.toString();
    return "https://" + host + ":" + port;
  }

  /**
   * kubeadm's admin credentials from the running master, reached at the port published on the host
   * (what {@code up} merges into the kubeconfig), named after the plan's context.
   */
  public static KubeconfigEntry adminEntry(ClusterPlan plan, NodeRuntime runtime, KubeconfigStore kubeconfigs, int hostPort) {
    String admin = NodeOps.readText(runtime, plan.master().name(), "/etc/kubernetes/admin.conf");
    return kubeconfigs.entryFrom(admin, plan.context()).withServer(publishedServer(plan, hostPort));
  }

  public static ApiConnection connect(
      ClusterPlan plan, NodeRuntime runtime, KubeconfigStore kubeconfigs, Function<KubeconfigEntry, KubeApi> kubeApis) {
    String master = plan.master().name();
    if (runtime.findContainer(master).filter(c -> c.running()).isEmpty()) {
      return ApiConnection.unavailable("the master container '" + master + "' is not running");
    }
    List<String> tried = new ArrayList<>();
    Optional<KubeconfigEntry> stored = Optional.empty();
    try {
      stored = kubeconfigs.read(plan.context());
    } catch (RuntimeException e) {
      tried.add("kubeconfig " + kubeconfigs.path() + ": " + e.getMessage());
    }
    if (stored.isPresent()) {
      KubeApi api = kubeApis.apply(stored.get());
      if (api.readyz()) {
        return ApiConnection.available(api, stored.get().server());
      }
      api.close();
      tried.add("context '" + plan.context() + "' in " + kubeconfigs.path() + " -> " + stored.get().server()
          + " does not answer /readyz");
    } else if (tried.isEmpty()) {
      tried.add("no context '" + plan.context() + "' in " + kubeconfigs.path());
    }
    return fromAdminConf(plan, runtime, kubeconfigs, kubeApis, tried);
  }

  private static ApiConnection fromAdminConf(ClusterPlan plan, NodeRuntime runtime, KubeconfigStore kubeconfigs,
      Function<KubeconfigEntry, KubeApi> kubeApis, List<String> tried) {
    String master = plan.master().name();
    Optional<PublishedPort> port = runtime.publishedPort(master, ClusterAddressing.INTERNAL_APISERVER_PORT);
    if (port.isEmpty()) {
      tried.add("port " + ClusterAddressing.INTERNAL_APISERVER_PORT + " of '" + master + "' is not published");
      return ApiConnection.unavailable(String.join("; ", tried));
    }
    String server = publishedServer(plan, port.get().hostPort());
    KubeconfigEntry entry;
    try {
      entry = adminEntry(plan, runtime, kubeconfigs, port.get().hostPort());
    } catch (RuntimeFailure | KubeFailure | IllegalArgumentException e) {
      tried.add("/etc/kubernetes/admin.conf in '" + master + "': " + e.getMessage());
      return ApiConnection.unavailable(String.join("; ", tried));
    }
    KubeApi api = kubeApis.apply(entry);
    if (api.readyz()) {
      return ApiConnection.available(api, server);
    }
    // Not ready is not necessarily unreachable: a half-broken API server may still list and
    // serve logs, and that is when a dump matters most.
    try {
      api.nodes();
      return ApiConnection.available(api, server + " (not ready: /readyz failed)");
    } catch (KubeFailure e) {
      api.close();
      tried.add("admin.conf credentials at " + server + ": " + e.getMessage());
      return ApiConnection.unavailable(String.join("; ", tried));
    }
  }
}
