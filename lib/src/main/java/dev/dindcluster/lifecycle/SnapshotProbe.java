package dev.dindcluster.lifecycle;

import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.NodePlan;
import dev.dindcluster.runtime.NodeRuntime;
import dev.dindcluster.runtime.NodeSecurity;
import dev.dindcluster.runtime.NodeSpec;
import dev.dindcluster.runtime.NotFoundFailure;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
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

  private static final SecureRandom RANDOM = new SecureRandom();

  private SnapshotProbe() {}

  private static byte[] randomBytes() {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /**
   * The nodes whose volume lacks the marker (empty: all complete), or empty when the volumes could
   * not be read (no node image yet); the restore then checks the marker on the started master.
   * Every node's volume must exist: the engine would create a missing one for the probe.
   */
  static Optional<List<String>> incompleteNodes(ClusterPlan plan, NodeRuntime runtime) {
    return incompleteNodes(plan, plan.nodes(), runtime);
  }

  /** As {@link #incompleteNodes(ClusterPlan, NodeRuntime)}, for some nodes (whose volumes exist). */
  static Optional<List<String>> incompleteNodes(ClusterPlan plan, List<NodePlan> nodes, NodeRuntime runtime) {
    if (nodes.isEmpty()) {
      return Optional.of(List.of());
    }
    if (!runtime.imageExists(plan.image())) {
      return Optional.empty();
    }
    // Unique per call: a concurrent `status` must not take an `up`'s probe away. One left by a
    // killed run carries the cluster label, so the next up or clean removes it.
    String name = plan.naming().snapshotProbeName(HexFormat.of().formatHex(randomBytes()));
    NodeSpec.Builder spec = NodeSpec.builder(name, plan.image())
        .labels(ClusterLabels.node(plan, "snapshot-probe"))
        .security(NodeSecurity.DEFAULT)
        .command("true");
    for (NodePlan node : nodes) {
      spec.mount(node.volume(), PROBE_ROOT + node.name());
    }
    runtime.createContainer(spec.build());
    try {
      String markerOnVolume = NodeOps.SNAPSHOT_MARKER.substring(NodeContainers.STATE_MOUNT.length());
      List<String> incomplete = new ArrayList<>();
      for (NodePlan node : nodes) {
        try {
          runtime.readFile(name, PROBE_ROOT + node.name() + markerOnVolume);
        } catch (NotFoundFailure missing) {
          if (runtime.findContainer(name).isEmpty()) {
            // The probe itself went away: that says nothing about the volume, never replace it on that.
            throw new LifecycleFailure("the snapshot probe container " + name + " was removed while it read the volumes", missing);
          }
          incomplete.add(node.name());
        }
      }
      return Optional.of(incomplete);
    } finally {
      runtime.removeContainer(name);
    }
  }
}
