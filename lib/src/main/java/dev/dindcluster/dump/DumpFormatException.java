package dev.dindcluster.dump;

import java.io.IOException;

/** Input that cannot be split as it stands; the message names the line. */
public final class DumpFormatException extends IOException {
  public DumpFormatException(String message) {
    super(message);
  }

  public DumpFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
