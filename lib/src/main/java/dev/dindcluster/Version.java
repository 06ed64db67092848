package dev.dindcluster;

/** The library's own version, shown by {@code --version}. */
public final class Version {
  public static final String VALUE = "0.1.0";

  private Version() {}
}
