package dev.dindcluster.e2e;

/** Something the run needs on this machine is missing (binaries, test images): exit 1, with what to run. */
public final class E2eSetupException extends RuntimeException {
  public E2eSetupException(String message) {
    super(message);
  }
}
