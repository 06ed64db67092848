package dev.dindcluster.plan;

import dev.dindcluster.config.InvalidConfigException;
import dev.dindcluster.config.Problem;
import java.util.ArrayList;
import java.util.List;

/** Problems and warnings gathered while planning, so that every problem is reported at once. */
final class Findings {
  private final List<Problem> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  void problem(String knob, String value, String allowed) {
    problems.add(new Problem(knob, value, allowed));
  }

  void warning(String text) {
    warnings.add(text);
  }

  boolean hasProblems() {
    return !problems.isEmpty();
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }

  void throwIfProblems() {
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
  }
}
