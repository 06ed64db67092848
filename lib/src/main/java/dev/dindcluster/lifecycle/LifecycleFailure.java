package dev.dindcluster.lifecycle;

/** A lifecycle step failed; the message names the step and carries the tail of the failing output. */
public class LifecycleFailure extends RuntimeException {
  public LifecycleFailure(String message) {
    super(message);
  }

  public LifecycleFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
