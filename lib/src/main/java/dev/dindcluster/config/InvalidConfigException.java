package dev.dindcluster.config;

import java.util.List;
import java.util.stream.Collectors;

/** Raised with every problem found at once; the CLI maps it to exit code 2. */
public class InvalidConfigException extends RuntimeException {
  private final List<Problem> problems;

  public InvalidConfigException(List<Problem> problems) {
    super(describe(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an InvalidConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public InvalidConfigException(Problem problem) {
    this(List.of(problem));
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    return problems.size() == 1
        ? "invalid configuration: " + problems.get(0).message()
        : "invalid configuration (" + problems.size() + " problems):\n"
            + problems.stream().map(p -> "  - " + p.message()).collect(Collectors.joining("\n"));
  }
}
