package dev.dindcluster.plan;

import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.config.InvalidConfigException;
import dev.dindcluster.config.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;

/** Shared helpers: settings from "K=V" strings, a fixed release, a fixed "random" id. */
final class PlanFixtures {
  static final FixedRelease RELEASE = new FixedRelease("dind-cluster-v1.20", "v1.20.2", "dind-cluster/node:v1.20.2");
  static final int RANDOM_ID = 7;

  private PlanFixtures() {}

  static Map<String, String> settings(String... assignments) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String a : assignments) {
      int eq = a.indexOf('=');
      map.put(a.substring(0, eq), a.substring(eq + 1));
    }
    return map;
  }

  static ClusterPlan plan(String... assignments) {
    return Planner.plan(settings(assignments), RELEASE, () -> RANDOM_ID);
  }

  static List<Problem> problems(String... assignments) {
    try {
      plan(assignments);
    } catch (InvalidConfigException e) {
      return e.problems();
    }
    throw Assertions.<AssertionError>fail("expected " + List.of(assignments) + " to be rejected");
  }

  static List<String> strings(List<?> values) {
    return values.stream().map(Object::toString).toList();
  }
}
