package dev.dindcluster.plan;

import java.util.OptionalInt;

/** Whole numbers as knobs: decimal digits only, no sign, no leading zeros, within a range. */
final class Numbers {
  private Numbers() {}

  static OptionalInt wholeNumber(String text, int min, int max) {
    if (text == null || !text.matches("0|[1-9][0-9]{0,8}")) {
      return OptionalInt.empty();
    }
    int value = Integer.parseInt(text);
    return value < min || value > max ? OptionalInt.empty() : OptionalInt.of(value);
  }

  static String rule(int min, int max) {
    return "must be a whole number " + min + ".." + max + " (decimal digits, no sign or leading zeros)";
  }
}
