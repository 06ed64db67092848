package dev.dindcluster.e2e;

/**
 * The two conformance runs of the original: {@code e2e} (parallel, everything not serial,
 * disruptive or slow) and {@code e2e-serial} (the serial conformance specs, one at a time).
 */
public enum E2eSuite {
  PARALLEL("e2e", "\\[Conformance\\]", "\\[Serial\\]|\\[Disruptive\\]|\\[Slow\\]", E2eSuite.PARALLEL_PROCESSES),
  SERIAL("e2e-serial", "\\[Serial\\].*\\[Conformance\\]", "", 1);

  /**
   * Ginkgo processes of {@code e2e}: four, on the 2-core machines this targets. Most of a
   * conformance spec's time is waiting on pods and timers, so four processes ran the 285 specs in
   * about half the time of two, with none failing.
   */
  public static final int PARALLEL_PROCESSES = 4;

  private final String command;
  private final String defaultFocus;
  private final String defaultSkip;
  private final int ginkgoNodes;

  E2eSuite(String command, String defaultFocus, String defaultSkip, int ginkgoNodes) {
    this.command = command;
    this.defaultFocus = defaultFocus;
    this.defaultSkip = defaultSkip;
    this.ginkgoNodes = ginkgoNodes;
  }

  public String command() { return command; }
  public String defaultFocus() { return defaultFocus; }
  public String defaultSkip() { return defaultSkip; }

  /** Parallel ginkgo processes: {@link #PARALLEL_PROCESSES}, or one for serial specs. */
  public int ginkgoNodes() { return ginkgoNodes; }
}
