package dev.dindcluster.dump;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a split dump says went wrong, for people who open a failed CI job: nodes and whether they
 * are Ready, pods that are not Ready or restarted (with their last log lines and the events that
 * name them), warning events in time order, and every file. Read from the split files of a live
 * dump or of the original's dumps (which have no events.txt); written as {@code index.html} next
 * to them, and as a few lines of plain text.
 */
public final class DumpReport {
  public static final String INDEX = "index.html";
  static final int LOG_LINES = 20;
  static final int SUMMARY_ITEMS = 5;

  /** A node as nodes.txt lists it. */
  public record Node(String name, String status, String roles, String version) {
    public boolean ready() {
      return status.equals("Ready") || status.startsWith("Ready,");
    }
  }

  /** A pod that is not Ready, not running, or restarted, with what explains it. */
  public record ProblemPod(String namespace, String name, String ready, String status, int restarts, String node,
      List<LogTail> logs, List<Map<String, String>> events) {}

  /** The last lines of one container log file. */
  public record LogTail(String file, List<String> lines) {}

  private final Path dir;
  private final List<Node> nodes;
  private final List<ProblemPod> pods;
  private final List<Map<String, String>> warnings;
  private final List<String> files;
  private final Optional<String> apiUnavailable;
  private final boolean hasEvents;

  private DumpReport(Path dir, List<Node> nodes, List<ProblemPod> pods, List<Map<String, String>> warnings, List<String> files,
      Optional<String> apiUnavailable, boolean hasEvents) {
    this.dir = dir;
    this.nodes = nodes;
    this.pods = pods;
    this.warnings = warnings;
    this.files = files;
    this.apiUnavailable = apiUnavailable;
    this.hasEvents = hasEvents;
  }

  public List<Node> nodes() { return nodes; }
  public List<ProblemPod> problemPods() { return pods; }
  public List<Map<String, String>> warningEvents() { return warnings; }

  /** Reads the split files in {@code dir} (missing sections are reported as missing, not as errors). */
  public static DumpReport read(Path dir) {
    List<String> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> !n.equals(INDEX)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    List<Node> nodes = KubectlTable.rows(text(dir, DumpFormat.NODES), "STATUS").stream()
        .map(r -> new Node(r.getOrDefault("NAME", ""), r.getOrDefault("STATUS", ""), r.getOrDefault("ROLES", ""),
            r.getOrDefault("VERSION", "")))
        .toList();
    List<Map<String, String>> events = KubectlTable.rows(text(dir, DumpFormat.EVENTS), "REASON");
    List<Map<String, String>> warnings = events.stream().filter(e -> "Warning".equals(e.get("TYPE")))
        .sorted(Comparator.comparing(e -> e.getOrDefault("LAST SEEN", ""))).toList();
    List<ProblemPod> pods = new ArrayList<>();
    for (Map<String, String> row : KubectlTable.rows(text(dir, DumpFormat.KUBECTL_ALL), "READY")) {
      String name = row.getOrDefault("NAME", "");
      if (!name.startsWith("pod/")) {
        continue;
      }
      name = name.substring("pod/".length());
      String ready = row.getOrDefault("READY", "");
      String status = row.getOrDefault("STATUS", "");
      int restarts = leadingNumber(row.getOrDefault("RESTARTS", "0"));
      boolean completed = status.equals("Completed") || status.equals("Succeeded");
      boolean notReady = !completed && (!status.equals("Running") || !allReady(ready));
      if (!notReady && restarts == 0) {
        continue;
      }
      String namespace = row.getOrDefault("NAMESPACE", "");
      String podName = name;
      List<LogTail> logs = files.stream()
          .filter(f -> f.startsWith("pod-") && f.contains("-" + namespace + "-" + podName + "--") && f.endsWith(".log"))
          .map(f -> new LogTail(f, tail(text(dir, f), LOG_LINES))).toList();
      List<Map<String, String>> about = events.stream()
          .filter(e -> ("pod/" + podName).equals(e.get("OBJECT")) && namespace.equals(e.getOrDefault("NAMESPACE", namespace)))
          .toList();
      pods.add(new ProblemPod(namespace, podName, ready, status, restarts, row.getOrDefault("NODE", ""), logs, about));
    }
    Optional<String> api = files.contains("api-unavailable.txt")
        ? Optional.of(text(dir, "api-unavailable.txt").strip()) : Optional.empty();
    return new DumpReport(dir, nodes, pods, warnings, files, api, files.contains(DumpFormat.EVENTS));
  }

  /** The top problems in a few lines, for stdout. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    apiUnavailable.ifPresent(why -> out.append("API server unavailable when dumped: ").append(firstLine(why)).append('\n'));
    long ready = nodes.stream().filter(Node::ready).count();
    out.append(nodes.size()).append(" nodes, ").append(ready).append(" Ready");
    String notReady = nodes.stream().filter(n -> !n.ready()).map(n -> n.name() + " (" + n.status() + ")").collect(Collectors.joining(", "));
    out.append(notReady.isEmpty() ? "" : "; not Ready: " + notReady).append('\n');
    if (pods.isEmpty()) {
      out.append("every pod Ready, none restarted\n");
    } else {
      out.append(pods.size()).append(pods.size() == 1 ? " pod" : " pods").append(" not Ready or restarted:\n");
      pods.stream().limit(SUMMARY_ITEMS).forEach(p -> out.append("  ").append(p.namespace()).append('/').append(p.name())
          .append(' ').append(p.status()).append(" (ready ").append(p.ready()).append(", restarts ").append(p.restarts()).append(")\n"));
      if (pods.size() > SUMMARY_ITEMS) {
        out.append("  ... and ").append(pods.size() - SUMMARY_ITEMS).append(" more\n");
      }
    }
    if (!hasEvents) {
      out.append("no events.txt in this dump\n");
    } else if (warnings.isEmpty()) {
      out.append("no warning events\n");
    } else {
      out.append(warnings.size()).append(warnings.size() == 1 ? " warning event:\n" : " warning events, latest:\n");
      warnings.subList(Math.max(0, warnings.size() - SUMMARY_ITEMS), warnings.size()).forEach(e -> out.append("  ")
          .append(e.getOrDefault("LAST SEEN", "")).append(' ').append(e.getOrDefault("REASON", "")).append(' ')
          .append(e.getOrDefault("OBJECT", "")).append(": ").append(e.getOrDefault("MESSAGE", "")).append('\n'));
    }
    return out.toString();
  }

  /** Writes {@code index.html} into the dump's directory and returns its path. */
  public Path writeHtml() {
    Path index = dir.resolve(INDEX);
    try {
      Files.writeString(index, html(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + index, e);
    }
    return index;
  }

  /** A self-contained page (no scripts, no outside resources); every dump text is escaped. */
  public String html() {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<title>Cluster dump report</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:1.5em;max-width:80em}table{border-collapse:collapse;margin:.5em 0}")
        .append("td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}")
        .append(".bad{color:#b00020;font-weight:bold}.ok{color:#1b5e20}pre{background:#f6f6f6;padding:.5em;overflow-x:auto}")
        .append("</style></head><body>\n<h1>Cluster dump report</h1>\n");
    h.append("<h2 id=\"summary\">Summary</h2>\n<pre>").append(esc(summary())).append("</pre>\n");
    h.append("<h2 id=\"nodes\">Nodes</h2>\n");
    if (nodes.isEmpty()) {
      h.append("<p>nodes.txt lists no nodes.</p>\n");
    } else {
      h.append("<table><tr><th>node</th><th>status</th><th>roles</th><th>version</th></tr>\n");
      nodes.forEach(n -> h.append("<tr><td>").append(esc(n.name())).append("</td><td class=\"").append(n.ready() ? "ok" : "bad")
          .append("\">").append(esc(n.status())).append("</td><td>").append(esc(n.roles())).append("</td><td>")
          .append(esc(n.version())).append("</td></tr>\n"));
      h.append("</table>\n");
    }
    h.append("<h2 id=\"pods\">Pods not Ready or restarted</h2>\n");
    if (pods.isEmpty()) {
      h.append("<p class=\"ok\">Every pod is Ready and none restarted.</p>\n");
    }
    for (ProblemPod p : pods) {
      h.append("<h3 class=\"bad\">").append(esc(p.namespace() + "/" + p.name())).append("</h3>\n<p>status ")
          .append(esc(p.status())).append(", ready ").append(esc(p.ready())).append(", restarts ").append(p.restarts())
          .append(p.node().isEmpty() ? "" : ", node " + esc(p.node())).append("</p>\n");
      for (LogTail log : p.logs()) {
        h.append("<p>last ").append(log.lines().size()).append(" lines of ").append(link(log.file())).append(":</p>\n<pre>")
            .append(esc(String.join("\n", log.lines()))).append("</pre>\n");
      }
      if (!p.events().isEmpty()) {
        h.append(eventTable(p.events()));
      }
    }
    h.append("<h2 id=\"warnings\">Warning events, oldest first</h2>\n");
    if (!hasEvents) {
      h.append("<p>This dump has no events.txt (the original's dumps do not).</p>\n");
    } else if (warnings.isEmpty()) {
      h.append("<p class=\"ok\">No warning events.</p>\n");
    } else {
      h.append(eventTable(warnings));
    }
    h.append("<h2 id=\"files\">Files</h2>\n<ul>\n");
    for (String f : files) {
      h.append("<li>").append(link(f)).append(" (").append(size(f)).append(" bytes)</li>\n");
    }
    return h.append("</ul>\n</body></html>\n").toString();
  }

  private String eventTable(List<Map<String, String>> events) {
    StringBuilder h = new StringBuilder("<table><tr><th>last seen</th><th>type</th><th>reason</th><th>object</th><th>count</th>"
        + "<th>message</th></tr>\n");
    for (Map<String, String> e : events) {
      h.append("<tr>");
      for (String column : List.of("LAST SEEN", "TYPE", "REASON", "OBJECT", "COUNT", "MESSAGE")) {
        h.append("<td>").append(esc(e.getOrDefault(column, ""))).append("</td>");
      }
      h.append("</tr>\n");
    }
    return h.append("</table>\n").toString();
  }

  private long size(String file) {
    try {
      return Files.size(dir.resolve(file));
    } catch (IOException e) {
      return -1;
    }
  }

  private static String link(String file) {
    return "<a href=\"" + URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20") + "\">" + esc(file) + "</a>";
  }

  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String text(Path dir, String file) {
    Path path = dir.resolve(file);
    if (!Files.isRegularFile(path)) {
      return "";
    }
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      try {
        return new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
      } catch (IOException again) {
        return "";
      }
    }
  }

  private static List<String> tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return all.subList(Math.max(0, all.size() - lines), all.size());
  }

  private static boolean allReady(String ready) {
    int slash = ready.indexOf('/');
    return slash > 0 && ready.substring(0, slash).equals(ready.substring(slash + 1));
  }

  private static int leadingNumber(String s) {
    int i = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    return i == 0 ? 0 : Integer.parseInt(s.substring(0, Math.min(i, 9)));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
