package dev.dindcluster.runtime;

/**
 * A container side effect failed. The message names the operation and the object (e.g. {@code
 * create network 'kubeadm-dind-net': ...}) so a lifecycle step can show it as it is.
 */
public class RuntimeFailure extends RuntimeException {
  public RuntimeFailure(String message) {
    super(message);
  }

  public RuntimeFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code operation 'object': cause message}, keeping the cause for -v traces. */
  public static RuntimeFailure of(String operation, String object, Throwable cause) {
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new RuntimeFailure(operation + " '" + object + "': " + detail.strip(), cause);
  }
}
