package dev.dindcluster.api;

/**
 * A cluster operation failed. The message names the step and carries the tail of the failing
 * command's output; {@link #wrongState()} is true when the cluster was not in a state the operation
 * can work on (missing, not running, held by another run): the CLI's exit code 3.
 */
public class DindClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** The cluster was not in a state the operation can work on. */
  private final boolean wrongState;

  /**
   * A failure of an operation.
   *
   * @param message names the step and carries the tail of the failing output
   * @param wrongState the cluster was not in a state the operation can work on
   * @param cause what failed underneath
   */
  public DindClusterException(String message, boolean wrongState, Throwable cause) {
    super(message, cause);
    this.wrongState = wrongState;
  }

  /**
   * Whether the cluster was in the wrong state (missing, not running, held by another run).
   *
   * @return true for the CLI's exit code 3
   */
  public boolean wrongState() {
    return wrongState;
  }
}
