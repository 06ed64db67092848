package dev.dindcluster.lifecycle;

import dev.dindcluster.dump.DumpSource;
import dev.dindcluster.dump.SectionWriter;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.runtime.NodeRuntime;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * A live dump of a running cluster together with the engine and API connections it reads through;
 * {@link #close()} releases them. Nothing in the cluster is changed and no lock is taken, so a dump
 * can be taken while another command is stuck. The CLI's {@code dump}/{@code dump64} and the API's
 * {@code dump}/{@code dump64} both open one.
 */
public final class OpenLiveDump implements DumpSource, AutoCloseable {
  private final NodeRuntime runtime;
  private final ApiConnection api;
  private final LiveClusterDump dump;
  private final List<String> runningNodes;

  private OpenLiveDump(NodeRuntime runtime, ApiConnection api, LiveClusterDump dump, List<String> runningNodes) {
    this.runtime = runtime;
    this.api = api;
    this.dump = dump;
    this.runningNodes = List.copyOf(runningNodes);
  }

  /**
   * Opens the dump of the plan's cluster.
   *
   * @throws ClusterStateException when none of its node containers is running
   */
  public static OpenLiveDump open(ClusterPlan plan, Adapters adapters, Clock clock, Consumer<String> warnings) {
    NodeRuntime runtime = adapters.runtime();
    try {
      List<String> nodes = LiveClusterDump.runningNodes(plan, runtime);
      if (nodes.isEmpty()) {
        throw new ClusterStateException("cluster " + plan.context() + " has no running node containers (none labelled "
            + ClusterLabels.filter(plan) + " is running). Bring it up with 'up', or check CLUSTER_ID/DIND_LABEL.");
      }
      ApiConnection api = ApiAccess.connect(plan, runtime, adapters.kubeconfigs(), adapters.kubeApis());
      return new OpenLiveDump(runtime, api, new LiveClusterDump(plan, runtime, api, clock, warnings), nodes);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  public List<String> runningNodes() {
    return runningNodes;
  }

  /** The API server the dump reads objects from, or why it cannot (the node sections are dumped anyway). */
  public String apiDescription() {
    return api.isAvailable() ? api.server() : "unavailable: " + api.unavailableReason();
  }

  @Override
  public void writeTo(SectionWriter out) throws IOException {
    dump.writeTo(out);
  }

  @Override
  public void close() {
    try {
      api.close();
    } finally {
      runtime.close();
    }
  }
}
