package dev.dindcluster.config;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a name given with {@code --set} (or the API's {@code set}) is a knob, and the nearest one
 * when it is not: a typo such as {@code NUM_NODE} must not be silently ignored. (The environment
 * cannot be checked this way: it holds every other variable of the process too.)
 */
public final class KnobNames {
  private static final Pattern EXTRA_ARGS = Pattern.compile("(APISERVER|CONTROLLER_MANAGER|SCHEDULER)_[a-z_]+");

  private KnobNames() {}

  public static boolean isKnob(String name) {
    return EXTRA_ARGS.matcher(name).matches()
        || Knobs.all().stream().anyMatch(k -> !k.isPattern() && k.name().equals(name));
  }

  /** Problems for every name in {@code settings} that is no knob, each suggesting the nearest one. */
  public static List<Problem> unknown(Map<String, String> settings, String source) {
    return settings.keySet().stream().filter(name -> !isKnob(name))
        .map(name -> new Problem(name.isEmpty() ? "(empty name)" : name, settings.get(name), "is not a knob (" + source + ")"
            + nearest(name).map(n -> "; did you mean " + n + "?").orElse("; see the configuration table")))
        .toList();
  }

  static Optional<String> nearest(String name) {
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    return Knobs.all().stream().filter(k -> !k.isPattern()).map(Knob::name)
        .min(Comparator.comparingInt(k -> distance(upper, k)))
        .filter(k -> distance(upper, k) <= Math.max(2, k.length() / 4));
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
