package dev.dindcluster.lifecycle;

/** The cluster is not in a state the command can work with (exit code 3). */
public class ClusterStateException extends RuntimeException {
  public ClusterStateException(String message) {
    super(message);
  }
}
