package dev.dindcluster.e2e;

import java.time.Duration;
import java.util.Locale;

/** The short summary a run ends with: counts, failures, the slowest specs, where the report is. */
public final class E2eSummary {
  static final int SLOWEST = 10;

  private E2eSummary() {}

  public static String text(E2eSuite suite, SpecFilter filter, JUnitReport report, Duration wall, int ginkgoExit) {
    StringBuilder s = new StringBuilder();
    s.append(suite.command()).append(": ")
        .append(report.count(JUnitReport.Outcome.PASSED)).append(" passed, ")
        .append(report.count(JUnitReport.Outcome.FAILED)).append(" failed, ")
        .append(report.count(JUnitReport.Outcome.SKIPPED)).append(" skipped in ").append(format(wall)).append('\n');
    s.append("focus: ").append(filter.focus()).append('\n');
    s.append("skip:  ").append(filter.skip().isEmpty() ? "(none)" : filter.skip()).append('\n');
    s.append("ginkgo exit code: ").append(ginkgoExit).append('\n');
    if (!report.failed().isEmpty()) {
      s.append("failed:\n");
      report.failed().forEach(f -> s.append("  ").append(f.name()).append('\n')
          .append("    ").append(firstLine(f.message())).append('\n'));
    }
    if (!report.slowest(SLOWEST).isEmpty()) {
      s.append("slowest:\n");
      report.slowest(SLOWEST).forEach(f -> s.append(String.format(Locale.ROOT, "  %7.1f s  %s%n", f.seconds(), f.name())));
    }
    return s.toString();
  }

  static String format(Duration d) {
    long secs = d.toSeconds();
    return secs >= 60 ? String.format(Locale.ROOT, "%dm%02ds", secs / 60, secs % 60) : secs + "s";
  }

  private static String firstLine(String message) {
    // Ginkgo's failure text starts with the spec's source location; the reason is the next line.
    String line = message.lines().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.matches("\\S+\\.go:\\d+"))
        .findFirst().orElse("(no message)");
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
