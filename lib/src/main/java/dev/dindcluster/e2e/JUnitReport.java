package dev.dindcluster.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The JUnit XML files e2e.test writes into the report directory (one {@code junit_NN.xml} per
 * ginkgo process), read back into one list of spec results.
 */
public record JUnitReport(List<Spec> specs, List<Path> files) {
  public enum Outcome { PASSED, FAILED, SKIPPED }

  public record Spec(String name, Outcome outcome, double seconds, String message) {}

  public JUnitReport {
    specs = List.copyOf(specs);
    files = List.copyOf(files);
  }

  public static JUnitReport read(Path reportDir) {
    List<Path> files = junitFiles(reportDir);
    List<Spec> specs = new ArrayList<>();
    for (Path file : files) {
      specs.addAll(parse(file));
    }
    return new JUnitReport(specs, files);
  }

  static List<Path> junitFiles(Path reportDir) {
    if (!Files.isDirectory(reportDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(reportDir)) {
      return files.filter(f -> f.getFileName().toString().matches("junit_.*\\.xml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + reportDir, e);
    }
  }

  static List<Spec> parse(Path file) {
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      var doc = factory.newDocumentBuilder().parse(file.toFile());
      NodeList cases = doc.getElementsByTagName("testcase");
      List<Spec> specs = new ArrayList<>();
      for (int i = 0; i < cases.getLength(); i++) {
        Element c = (Element) cases.item(i);
        double seconds = parseSeconds(c.getAttribute("time"));
        Element failure = first(c, "failure");
        if (failure == null) {
          failure = first(c, "error");
        }
        if (failure != null) {
          String message = failure.getAttribute("message");
          specs.add(new Spec(c.getAttribute("name"), Outcome.FAILED, seconds,
              message.isEmpty() ? failure.getTextContent().strip() : message));
        } else if (first(c, "skipped") != null) {
          specs.add(new Spec(c.getAttribute("name"), Outcome.SKIPPED, seconds, ""));
        } else {
          specs.add(new Spec(c.getAttribute("name"), Outcome.PASSED, seconds, ""));
        }
      }
      return specs;
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalStateException("cannot read JUnit report " + file + ": " + e.getMessage(), e);
    }
  }

  private static Element first(Element parent, String tag) {
    NodeList list = parent.getElementsByTagName(tag);
    return list.getLength() == 0 ? null : (Element) list.item(0);
  }

  private static double parseSeconds(String time) {
    try {
      return time.isEmpty() ? 0 : Double.parseDouble(time);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public long count(Outcome outcome) {
    return specs.stream().filter(s -> s.outcome() == outcome).count();
  }

  public List<Spec> failed() {
    return specs.stream().filter(s -> s.outcome() == Outcome.FAILED).toList();
  }

  /** The {@code n} specs that ran longest. */
  public List<Spec> slowest(int n) {
    return specs.stream().filter(s -> s.outcome() != Outcome.SKIPPED)
        .sorted(Comparator.comparingDouble(Spec::seconds).reversed()).limit(n).toList();
  }

  static String seconds(double s) {
    return String.format(Locale.ROOT, "%.1f s", s);
  }
}
