package dev.dindcluster.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress on stderr in the original's shape ({@code * <title>}), plus each step's duration.
 * Colour only when stderr is a terminal; {@code quiet} keeps only warnings and failures.
 */
public final class ConsoleProgress implements Progress {
  public enum Level { QUIET, NORMAL, VERBOSE }

  private static final String BRIGHT = "\u001b[97m";
  private static final String GREEN = "\u001b[92m";
  private static final String RED = "\u001b[91m";
  private static final String YELLOW = "\u001b[93m";
  private static final String RESET = "\u001b[39m";

  private final PrintStream err;
  private final Level level;
  private final boolean colour;
  private final LongSupplier nanoClock;

  public ConsoleProgress(PrintStream err, Level level, boolean colour, LongSupplier nanoClock) {
    this.err = err;
    this.level = level;
    this.colour = colour;
    this.nanoClock = nanoClock;
  }

  /** For the real console: colour when stderr is a terminal and NO_COLOR is not set. */
  public static ConsoleProgress forStderr(PrintStream err, Level level, boolean noColorSet) {
    return new ConsoleProgress(err, level, !noColorSet && stderrIsTerminal(), System::nanoTime);
  }

  /**
   * Whether file descriptor 2 is a terminal. Java has no isatty: on Linux /proc says where fd 2
   * points; elsewhere System.console() (stdin and stdout) is the best guess. Deciding on stdout
   * alone put colour codes into {@code 2>file}.
   */
  static boolean stderrIsTerminal() {
    try {
      String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  @Override
  public Step step(String title) {
    long start = nanoClock.getAsLong();
    return new Step() {
      private Throwable failure;
      private boolean closed;

      @Override
      public void fail(Throwable cause) {
        failure = cause;
      }

      @Override
      public long elapsedMillis() {
        return (nanoClock.getAsLong() - start) / 1_000_000;
      }

      @Override
      public void close() {
        if (closed) {
          return;
        }
        closed = true;
        String seconds = String.format(Locale.ROOT, "%.1f s", elapsedMillis() / 1000.0);
        if (failure != null) {
          print(RED, "FAILED: " + title, "after " + seconds);
        } else if (level != Level.QUIET) {
          print(GREEN, title, seconds);
        }
      }
    };
  }

  @Override
  public void detail(String message) {
    if (level == Level.VERBOSE) {
      err.println("  " + message);
    }
  }

  private long lastTransferNanos;

  @Override
  public synchronized void transfer(String what, long done, long total) {
    if (!colour || level == Level.QUIET) {
      return;
    }
    long now = nanoClock.getAsLong();
    boolean finished = total >= 0 && done >= total;
    if (!finished && now - lastTransferNanos < 250_000_000L) {
      return;
    }
    lastTransferNanos = now;
    String amount = total >= 0
        ? String.format(Locale.ROOT, "%.1f of %.1f MB (%d%%)", done / 1e6, total / 1e6, total == 0 ? 100 : done * 100 / total)
        : String.format(Locale.ROOT, "%.1f MB", done / 1e6);
    err.print("\r\u001b[K  " + what + ": " + amount + (finished ? "\n" : ""));
    err.flush();
  }

  @Override
  public void warn(String message) {
    print(YELLOW, "WARNING: " + message, "");
  }

  private synchronized void print(String colourCode, String title, String suffix) {
    String tail = suffix.isEmpty() ? "" : " (" + suffix + ")";
    if (colour) {
      err.println(BRIGHT + "* " + colourCode + title + RESET + tail);
    } else {
      err.println("* " + title + tail);
    }
  }
}
