package dev.dindcluster.config;

import java.nio.file.Path;
import java.util.Map;

/** Reads a config.sh-style file of KEY=VALUE lines. STUB until issue #2's config work lands. */
public final class ConfigFile {
  private ConfigFile() {}

  /** @throws InvalidConfigException naming the file, line number and what is allowed */
  public static Map<String, String> read(Path file) {
    throw new UnsupportedOperationException("config files not implemented yet");
  }
}
