package dev.dindcluster.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** kubectl's AGE column (apimachinery's HumanDuration): short, and coarser the older a thing is. */
final class Ages {
  private Ages() {}

  /** The age of an RFC 3339 timestamp at {@code now}; {@code <unknown>} when it is absent or unreadable. */
  static String since(String timestamp, Instant now) {
    if (timestamp == null || timestamp.isEmpty()) {
      return "<unknown>";
    }
    try {
      return human(Duration.between(Instant.parse(timestamp), now));
    } catch (DateTimeParseException e) {
      return "<unknown>";
    }
  }

  static String human(Duration duration) {
    long s = duration.getSeconds();
    if (s < -1) {
      return "<invalid>";
    } else if (s < 0) {
      return "0s";
    } else if (s < 120) {
      return s + "s";
    }
    long m = s / 60;
    if (m < 10) {
      return s % 60 == 0 ? m + "m" : m + "m" + (s % 60) + "s";
    } else if (m < 180) {
      return m + "m";
    }
    long h = m / 60;
    if (h < 8) {
      return m % 60 == 0 ? h + "h" : h + "h" + (m % 60) + "m";
    } else if (h < 48) {
      return h + "h";
    } else if (h < 24 * 8) {
      return h % 24 == 0 ? (h / 24) + "d" : (h / 24) + "d" + (h % 24) + "h";
    } else if (h < 24 * 365 * 2) {
      return (h / 24) + "d";
    } else if (h < 24 * 365 * 8) {
      long d = h / 24;
      return d % 365 == 0 ? (d / 365) + "y" : (d / 365) + "y" + (d % 365) + "d";
    }
    return (h / 24 / 365) + "y";
  }
}
