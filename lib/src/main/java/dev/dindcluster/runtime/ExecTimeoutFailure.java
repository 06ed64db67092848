package dev.dindcluster.runtime;

import java.time.Duration;

/**
 * A command in a container did not finish in time. The engine cannot kill an exec, so the command
 * may still be running; {@link #partial} holds what it printed so far.
 */
public class ExecTimeoutFailure extends RuntimeFailure {
  private final transient ExecResult partial;

  public ExecTimeoutFailure(String container, ExecRequest request, Duration timeout, ExecResult partial) {
    super("exec in '" + container + "': '" + request.display() + "' did not finish within "
        + timeout.toSeconds() + "s" + partial.tail(20));
    this.partial = partial;
  }

  public ExecResult partial() {
    return partial;
  }
}
