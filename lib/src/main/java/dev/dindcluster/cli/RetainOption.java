package dev.dindcluster.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code --retain}, for the commands that create cluster resources (only they have something to keep). */
public final class RetainOption {
  static final class Field {
    @Option(names = "--retain", description = "On failure keep what this run created (for debugging); default: remove it.")
    boolean retain;
  }

  @ArgGroup(validate = false, heading = "%nOn failure:%n", order = 20)
  Field field = new Field();

  boolean retain() {
    return field != null && field.retain;
  }
}
