package dev.dindcluster.dump;

import java.nio.charset.StandardCharsets;

/**
 * The wire format shared with the original dind-cluster.sh: a header line, then
 * sections each opened by a whole line {@code @@@ <name> @@@}; dump64 wraps that text, LZMA-alone
 * compressed and base64-encoded in 100-character lines, between two marker lines.
 */
public final class DumpFormat {
  private DumpFormat() {}

  public static final String HEADER = "*** Dumping cluster state ***";
  public static final String START_BASE64 = "%%% start-base64 %%%";
  public static final String END_BASE64 = "%%% end-base64 %%%";
  public static final int BASE64_LINE = 100;

  /** The cluster-wide sections of a live dump (the original's first three; events.txt is ours). */
  public static final String KUBECTL_ALL = "kubectl-all.txt";
  public static final String DESCRIBE_ALL = "describe-all.txt";
  public static final String NODES = "nodes.txt";
  public static final String EVENTS = "events.txt";

  static final byte[] START_BYTES = START_BASE64.getBytes(StandardCharsets.US_ASCII);
  static final byte[] END_BYTES = END_BASE64.getBytes(StandardCharsets.US_ASCII);

  /** The marker line for a section (without line end). */
  public static String marker(String name) {
    return "@@@ " + name + " @@@";
  }

  /**
   * The section name of a marker line, or null when the line is no marker. Like the original's
   * {@code awk '/^@@@ .* @@@$/{out=$2}'}: the line must start with "@@@ " and end with " @@@", and
   * the name is the first whitespace-separated word between them ({@code @@@ b c.txt @@@} names
   * {@code b}). A marker with nothing between gives "" (which the splitter refuses).
   */
  static String markerName(byte[] b, int off, int len) {
    if (len < 8
        || b[off] != '@' || b[off + 1] != '@' || b[off + 2] != '@' || b[off + 3] != ' '
        || b[off + len - 1] != '@' || b[off + len - 2] != '@' || b[off + len - 3] != '@'
        || b[off + len - 4] != ' ') {
      return null;
    }
    // awk splits fields on blanks (space, tab); newline cannot occur inside a line.
    int i = off + 4;
    int end = off + len - 4;
    while (i < end && isBlank(b[i])) {
      i++;
    }
    int wordStart = i;
    while (i < end && !isBlank(b[i])) {
      i++;
    }
    return new String(b, wordStart, i - wordStart, StandardCharsets.UTF_8);
  }

  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t';
  }
}
