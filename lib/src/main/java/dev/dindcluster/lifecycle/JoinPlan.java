package dev.dindcluster.lifecycle;

import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.NodePlan;
import dev.dindcluster.plan.Planner;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code join} adds: as in the original, the new worker's index is the number of running
 * nodes (the master counts), so with a master and 2 workers it is kube-node-3; the plan grows to
 * include it, with the running cluster's id even when that was picked at random.
 *
 * @param grown the plan with the new worker as its last node
 */
public record JoinPlan(ClusterPlan grown, NodePlan newNode) {

  /**
   * @throws ClusterStateException when the cluster's master is not running
   */
  public static JoinPlan of(ClusterPlan plan, Map<String, String> settings, FixedRelease release, NodeRuntime runtime) {
    ClusterQueries.apiServerPort(plan, runtime); // the master must be running
    int running = ClusterQueries.runningNodes(plan, runtime).size();
    var grownSettings = new LinkedHashMap<>(settings);
    grownSettings.put("NUM_NODES", Integer.toString(running));
    ClusterPlan grown = Planner.plan(grownSettings, release, plan::clusterId);
    NodePlan newNode = grown.nodes().get(grown.nodes().size() - 1);
    if (!newNode.name().equals(grown.naming().workerName(running))) {
      throw new ClusterStateException("cannot work out the next worker's name (have " + newNode.name() + ")");
    }
    return new JoinPlan(grown, newNode);
  }
}
