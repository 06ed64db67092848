package dev.dindcluster.e2e;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The focus and skip expressions handed to ginkgo. They are Go (RE2) regular expressions; they are
 * checked here, before anything runs, so a typo is an input error (exit 2) rather than a 40-minute
 * run that matched nothing. Java's syntax is close to RE2's; the constructs RE2 lacks are refused
 * by name. An empty skip means "skip nothing".
 */
public record SpecFilter(String focus, String skip) {
  private static final List<String[]> NOT_IN_RE2 = List.of(
      new String[] {"(?=", "lookahead"}, new String[] {"(?!", "negative lookahead"},
      new String[] {"(?<=", "lookbehind"}, new String[] {"(?<!", "negative lookbehind"},
      new String[] {"(?>", "atomic groups"}, new String[] {"*+", "possessive quantifiers"},
      new String[] {"++", "possessive quantifiers"}, new String[] {"?+", "possessive quantifiers"});

  public SpecFilter {
    check("focus", focus);
    check("skip", skip);
  }

  /** The given expressions, or the suite's defaults for those not given (null). */
  public static SpecFilter of(E2eSuite suite, String focus, String skip) {
    return new SpecFilter(focus == null ? suite.defaultFocus() : focus, skip == null ? suite.defaultSkip() : skip);
  }

  private static void check(String what, String regex) {
    if (regex == null) {
      throw new IllegalArgumentException(what + " expression is missing");
    }
    if (regex.contains("\n")) {
      throw new IllegalArgumentException(what + " expression '" + regex + "' spans several lines; give one regular expression");
    }
    if (what.equals("focus") && regex.isBlank()) {
      throw new IllegalArgumentException("focus expression '" + regex + "' is empty: it would run every spec of the suite, "
          + "disruptive ones included; give a regular expression such as '\\[Conformance\\]'");
    }
    for (String[] construct : NOT_IN_RE2) {
      if (regex.contains(construct[0])) {
        throw new IllegalArgumentException(what + " expression '" + regex + "' uses " + construct[1] + " ('" + construct[0]
            + "'), which Go's regular expressions (RE2, used by ginkgo) do not support");
      }
    }
    if (regex.matches(".*\\\\[1-9].*")) {
      throw new IllegalArgumentException(what + " expression '" + regex + "' uses a backreference, which Go's regular "
          + "expressions (RE2, used by ginkgo) do not support");
    }
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(what + " expression '" + regex + "' is not a valid regular expression: "
          + e.getDescription() + " near index " + e.getIndex()
          + " (it is matched against spec names like '[sig-network] DNS should provide DNS for services  [Conformance]';"
          + " escape brackets as '\\['" + ")", e);
    }
  }
}
