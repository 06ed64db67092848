package dev.dindcluster.lifecycle;

import dev.dindcluster.net.ClusterAddressing;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.runtime.ContainerInfo;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.Comparator;
import java.util.List;

/** Read-only questions about a cluster on the engine. */
public final class ClusterQueries {
  private ClusterQueries() {}

  /** The running node containers of the cluster, master first then workers by name. */
  public static List<ContainerInfo> runningNodes(ClusterPlan plan, NodeRuntime runtime) {
    return runtime.containersWithLabel(ClusterLabels.filter(plan), false).stream()
        .filter(c -> c.labels().containsKey(ClusterLabels.ROLE))
        .sorted(Comparator.comparing((ContainerInfo c) -> !"master".equals(c.labels().get(ClusterLabels.ROLE)))
            .thenComparing(ContainerInfo::name))
        .toList();
  }

  /** The host port the API server is published on. */
  public static int apiServerPort(ClusterPlan plan, NodeRuntime runtime) {
    String master = plan.master().name();
    var container = runtime.findContainer(master);
    if (container.isEmpty() || !container.get().running() || !ClusterLabels.belongsTo(container.get().labels(), plan)) {
      throw new ClusterStateException("cluster '" + plan.label() + "' is not running (no container " + master + "): run 'up'");
    }
    return runtime.publishedPort(master, ClusterAddressing.INTERNAL_APISERVER_PORT)
        .orElseThrow(() -> new ClusterStateException(master + " does not publish the API server port"))
        .hostPort();
  }
}
