package dev.dindcluster.plan;

import java.util.Objects;

/**
 * A node taint registered by kubelet when the node joins.
 *
 * @param value empty for a taint without a value
 * @param effect NoSchedule, PreferNoSchedule or NoExecute
 */
public record Taint(String key, String value, String effect) {
  public Taint {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(effect, "effect");
  }

  /** As kubelet's --register-with-taints and {@code kubectl taint} write it: key[=value]:Effect. */
  @Override
  public String toString() {
    return key + (value.isEmpty() ? "" : "=" + value) + ":" + effect;
  }
}
