package dev.dindcluster.runtime;

/** The named container, network, volume or image does not exist. */
public class NotFoundFailure extends RuntimeFailure {
  public NotFoundFailure(String operation, String object) {
    super(operation + " '" + object + "': no such object");
  }
}
