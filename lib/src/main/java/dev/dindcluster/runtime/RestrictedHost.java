package dev.dindcluster.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Decides whether the host lacks CAP_SYS_RESOURCE, in which case {@code --privileged} containers
 * fail to start and nodes must run {@link NodeSecurity#RESTRICTED}. The engine is local, so our own
 * capability bounding set stands for the daemon's. {@code DIND_RESTRICTED=yes|no} overrides the
 * detection (e.g. for a remote engine); {@code auto} or unset detects.
 */
public final class RestrictedHost {
  public static final String ENV = "DIND_RESTRICTED";
  static final int CAP_SYS_RESOURCE = 24;

  private RestrictedHost() {}

  public static boolean decide(Map<String, String> env, Path procSelfStatus) {
    String mode = env.getOrDefault(ENV, "auto").strip();
    switch (mode) {
      case "yes":
        return true;
      case "no":
        return false;
      case "auto":
      case "":
        return lacksSysResource(read(procSelfStatus));
      default:
        throw new IllegalArgumentException(ENV + "='" + mode + "': must be auto, yes or no");
    }
  }

  /** True when the CapBnd line's bit 24 is clear; false when there is no such line (not Linux). */
  static boolean lacksSysResource(String procStatus) {
    for (String line : procStatus.split("\n")) {
      if (line.startsWith("CapBnd:")) {
        BigInteger mask = new BigInteger(line.substring("CapBnd:".length()).strip(), 16);
        return !mask.testBit(CAP_SYS_RESOURCE);
      }
    }
    return false;
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("read " + file, e);
    }
  }
}
