package dev.dindcluster.e2e;

/**
 * The two conformance runs of the original: {@code e2e} (parallel, everything not serial,
 * disruptive or slow) and {@code e2e-serial} (the serial conformance specs, one at a time).
 */
public enum E2eSuite {
  PARALLEL("e2e", "\\[Conformance\\]", "\\[Serial\\]|\\[Disruptive\\]|\\[Slow\\]", 2),
  SERIAL("e2e-serial", "\\[Serial\\].*\\[Conformance\\]", "", 1);

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

  /** Parallel ginkgo processes: two on the 2-core machines this targets; serial specs need one. */
  public int ginkgoNodes() { return ginkgoNodes; }
}
