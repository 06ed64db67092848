package dev.dindcluster.kube;

/** A call to the API server, or a kubeconfig change, failed; the message says which and why. */
public class KubeFailure extends RuntimeException {
  public KubeFailure(String message) {
    super(message);
  }

  public KubeFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
