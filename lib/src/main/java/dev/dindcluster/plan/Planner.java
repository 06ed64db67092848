package dev.dindcluster.plan;

import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.config.InvalidConfigException;
import java.util.Map;
import java.util.function.IntSupplier;

/** Pure: settings (env &lt; config file &lt; command line, already merged) to a validated plan. */
public final class Planner {
  private Planner() {}

  /**
   * @param settings merged knob values; a key that is present but empty counts as "set" where the
   *     original distinguished that (CLUSTER_ID, DIND_LABEL)
   * @param randomClusterId the id used for a DIND_LABEL without CLUSTER_ID (the original: 1..12)
   * @throws InvalidConfigException with every problem found, never just the first
   */
  public static ClusterPlan plan(
      Map<String, String> settings, FixedRelease release, IntSupplier randomClusterId) {
    throw new UnsupportedOperationException("planner not implemented yet");
  }
}
