package dev.dindcluster.e2e;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which of the test images {@code e2e} copies into the nodes: all of them, or those whose name
 * matches a regular expression ({@code --preload}). Copying is most of a focused run's time (13
 * images, about 0.8 GB, into every node), and a handful of specs usually needs two or three.
 */
public final class ImageSelection {
  public static final ImageSelection ALL = new ImageSelection(null);

  private final Pattern pattern;

  private ImageSelection(Pattern pattern) {
    this.pattern = pattern;
  }

  /** {@code null} means all; a pattern that does not compile is bad input (exit 2). */
  public static ImageSelection of(String regex) {
    if (regex == null) {
      return ALL;
    }
    if (regex.isBlank()) {
      throw new IllegalArgumentException("--preload '' selects no image: give a regular expression matching image names"
          + " (e.g. 'agnhost|dnsutils'), or leave it out to copy them all");
    }
    try {
      return new ImageSelection(Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("--preload '" + regex + "' is not a regular expression: " + e.getDescription());
    }
  }

  /** The images to copy, in their order; none matching is bad input, naming what there is. */
  public List<String> select(List<String> images) {
    if (pattern == null) {
      return images;
    }
    List<String> chosen = images.stream().filter(i -> pattern.matcher(i).find()).toList();
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("--preload '" + pattern.pattern() + "' matches none of the test images: "
          + String.join(", ", images));
    }
    return chosen;
  }

  @Override
  public String toString() {
    return pattern == null ? "all" : pattern.pattern();
  }
}
