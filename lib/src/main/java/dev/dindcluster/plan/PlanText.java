package dev.dindcluster.plan;

/** The plan for a person, printed by {@code plan}. */
public final class PlanText {
  private PlanText() {}

  public static String toText(ClusterPlan plan) {
    throw new UnsupportedOperationException("plan text not implemented yet");
  }
}
