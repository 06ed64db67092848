package dev.dindcluster.lifecycle;

import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.NodePlan;
import dev.dindcluster.runtime.NodeRuntime;
import dev.dindcluster.runtime.NodeSecurity;
import dev.dindcluster.runtime.NodeSpec;
import dev.dindcluster.runtime.NotFoundFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which node volumes hold a complete snapshot, read without starting a node: one container of the
 * node image is created (never started) with every volume mounted, the engine reads the marker
 * files through it, and it is removed. A bring-up killed before its end (SIGKILL, power loss)
 * leaves volumes without the marker; restoring them would start a cluster that never finished.
 */
final class SnapshotProbe {
  private static final String PROBE_ROOT = "/probe/";

  private SnapshotProbe() {}

  /**
   * The nodes whose volume lacks the marker (empty: all complete), or empty when the volumes could
   * not be read (no node image yet); the restore then checks the marker on the started master.
   */
  static Optional<List<String>> incompleteNodes(ClusterPlan plan, NodeRuntime runtime) {
    if (!runtime.imageExists(plan.image())) {
      return Optional.empty();
    }
    String name = plan.naming().snapshotProbeName();
    runtime.removeContainer(name); // left by a run killed right here
    NodeSpec.Builder spec = NodeSpec.builder(name, plan.image())
        .labels(ClusterLabels.node(plan, "snapshot-probe"))
        .security(NodeSecurity.DEFAULT)
        .command("true");
    for (NodePlan node : plan.nodes()) {
      spec.mount(node.volume(), PROBE_ROOT + node.name());
    }
    runtime.createContainer(spec.build());
    try {
      String markerOnVolume = NodeOps.SNAPSHOT_MARKER.substring(NodeContainers.STATE_MOUNT.length());
      List<String> incomplete = new ArrayList<>();
      for (NodePlan node : plan.nodes()) {
        try {
          runtime.readFile(name, PROBE_ROOT + node.name() + markerOnVolume);
        } catch (NotFoundFailure missing) {
          incomplete.add(node.name());
        }
      }
      return Optional.of(incomplete);
    } finally {
      runtime.removeContainer(name);
    }
  }
}
