package dev.dindcluster.config;

import java.util.Objects;

/**
 * One thing wrong with the input: which knob (or option), the value given, and what is allowed.
 * {@code value} is null when the problem is a missing value.
 */
public record Problem(String knob, String value, String allowed) {
  public Problem {
    Objects.requireNonNull(knob, "knob");
    Objects.requireNonNull(allowed, "allowed");
  }

  /** e.g. {@code CLUSTER_ID='abc': must be a whole number 0..254}. */
  public String message() {
    return knob + (value == null ? "" : "='" + value + "'") + ": " + allowed;
  }

  @Override
  public String toString() {
    return message();
  }
}
