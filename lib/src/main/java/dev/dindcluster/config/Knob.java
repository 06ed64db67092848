package dev.dindcluster.config;

import java.util.Objects;

/**
 * One configuration knob as documented in the README table.
 *
 * @param name the environment variable (or pattern, e.g. {@code APISERVER_<opt>})
 * @param defaultDescription the default, in words
 * @param description one line: what it does here
 * @param support whether this project honours it, ignores it with a warning, or rejects it
 */
public record Knob(String name, String defaultDescription, String description, Support support) {
  /** What happens when a knob is set to a non-empty value. */
  public enum Support {
    /** Honoured. */
    SUPPORTED,
    /** Meaningless here: a warning on stderr says it is ignored. */
    IGNORED,
    /** Asks for something this project cannot do (offline, no source builds): exit 2. */
    REJECTED
  }

  public Knob {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(defaultDescription, "defaultDescription");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(support, "support");
  }

  public boolean supported() {
    return support == Support.SUPPORTED;
  }

  /** True for pattern entries such as {@code APISERVER_<opt>} that name a family of variables. */
  public boolean isPattern() {
    return name.contains("<");
  }
}
