package dev.dindcluster.plan;

/** The machine-readable plan printed by {@code plan --json}. */
public final class PlanJson {
  private PlanJson() {}

  public static String toJson(ClusterPlan plan) {
    throw new UnsupportedOperationException("plan JSON not implemented yet");
  }
}
