package dev.dindcluster.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Read access to the merged knob values with the original's two notions of "given": a key that
 * is present (even empty) is "set" (CLUSTER_ID, DIND_LABEL are checked that way, {@code ${VAR+x}});
 * everywhere else an empty value counts as unset ({@code ${VAR:-default}}).
 */
public final class Settings {
  private final Map<String, String> values;

  public Settings(Map<String, String> values) {
    this.values = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
  }

  public boolean isSet(String knob) {
    return values.containsKey(knob);
  }

  /** The value as given, "" when set but empty, null when unset. */
  public String raw(String knob) {
    return values.get(knob);
  }

  public Optional<String> nonEmpty(String knob) {
    String value = values.get(knob);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  public String orDefault(String knob, String defaultValue) {
    return nonEmpty(knob).orElse(defaultValue);
  }

  /** The original's flags: true when non-empty (so "false" is true, as in bash). */
  public boolean flag(String knob) {
    return nonEmpty(knob).isPresent();
  }

  public Map<String, String> all() {
    return values;
  }
}
