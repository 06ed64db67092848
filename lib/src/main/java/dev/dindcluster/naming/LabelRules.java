package dev.dindcluster.naming;

import java.util.regex.Pattern;

/**
 * DIND_LABEL is a Docker label key and, through the suffix, part of container, volume and network
 * names; Docker's name rule {@code [a-zA-Z0-9][a-zA-Z0-9_.-]*} is the stricter of the two.
 */
public final class LabelRules {
  public static final String ALLOWED =
      "must be non-empty, start with a letter or digit and contain only letters, digits, '_', '.' and '-'"
          + " (it is a Docker label key and part of container, volume and network names)";

  private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

  private LabelRules() {}

  public static boolean isValid(String label) {
    return label != null && VALID.matcher(label).matches();
  }
}
