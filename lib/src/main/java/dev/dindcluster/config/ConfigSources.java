package dev.dindcluster.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Merges the three sources of knob values: config file &lt; environment &lt; command line. */
public final class ConfigSources {
  private ConfigSources() {}

  public static Map<String, String> merge(
      Map<String, String> configFile, Map<String, String> env, Map<String, String> commandLine) {
    Map<String, String> merged = new LinkedHashMap<>(configFile);
    merged.putAll(env);
    merged.putAll(commandLine);
    return merged;
  }
}
