package dev.dindcluster.progress;

/**
 * Progress reporting for long commands: one line per step with its duration, on stderr. Commands
 * receive a Progress; tests pass {@link #silent()} or a recording one.
 */
public interface Progress {

  /** Starts a step; closing it prints the title with its duration (or the failure). */
  Step step(String title);

  /** Extra detail, shown only with -v. */
  void detail(String message);

  /** A warning, always shown (even with --quiet). */
  void warn(String message);

  /**
   * Bytes of a transfer so far ({@code total} -1 when unknown). Shown as one updating line on a
   * terminal only: logs get the step's line when it ends.
   */
  default void transfer(String what, long done, long total) {}

  /** A step in progress. Close it with {@link #close()} on success or {@link #fail(Throwable)}. */
  interface Step extends AutoCloseable {
    /** Marks the step failed; close() then reports the failure instead of success. */
    void fail(Throwable cause);

    /** Elapsed milliseconds so far. */
    long elapsedMillis();

    @Override
    void close();
  }

  static Progress silent() {
    return new Progress() {
      @Override
      public Step step(String title) {
        long start = System.nanoTime();
        return new Step() {
          @Override
          public void fail(Throwable cause) {}

          @Override
          public long elapsedMillis() {
            return (System.nanoTime() - start) / 1_000_000;
          }

          @Override
          public void close() {}
        };
      }

      @Override
      public void detail(String message) {}

      @Override
      public void warn(String message) {}
    };
  }
}
