package dev.dindcluster.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command to run inside a running container.
 *
 * @param timeout how long to wait for the command, or null to wait for ever
 */
public record ExecRequest(List<String> command, Map<String, String> env, Duration timeout) {
  public ExecRequest {
    command = List.copyOf(command);
    env = Map.copyOf(env);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("exec: empty command");
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("exec timeout " + timeout + ": must be positive");
    }
  }

  public static ExecRequest of(String... command) {
    return new ExecRequest(List.of(command), Map.of(), null);
  }

  public ExecRequest withEnv(Map<String, String> values) {
    return new ExecRequest(command, values, timeout);
  }

  public ExecRequest withTimeout(Duration value) {
    return new ExecRequest(command, env, Objects.requireNonNull(value, "timeout"));
  }

  /** The command as one line for messages. */
  public String display() {
    return String.join(" ", command);
  }
}
