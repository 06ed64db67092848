package dev.dindcluster.lifecycle;

import dev.dindcluster.dump.SectionWriter;
import dev.dindcluster.runtime.ExecRequest;
import dev.dindcluster.runtime.ExecResult;
import dev.dindcluster.runtime.NodeRuntime;
import dev.dindcluster.runtime.RuntimeFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One node's sections of a dump, each by exec in the node container (the original's names, spec
 * 7.1): the kubelet's and the inner runtime's unit status and journal, {@code ps auxww}, the inner
 * {@code docker ps -a}, {@code ip a} and {@code ip r}. Commands run with stderr merged into stdout,
 * so error messages sit where they happened (the original dropped them).
 */
final class NodeSections {
  /** The node image's units worth a dump (the original's dindnet/criproxy/dockershim do not exist in it). */
  static final List<String> UNITS = List.of("kubelet.service", "docker.service");
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final NodeRuntime runtime;
  private final Consumer<String> warnings;

  NodeSections(NodeRuntime runtime, Consumer<String> warnings) {
    this.runtime = runtime;
    this.warnings = warnings;
  }

  /** The section names of one node, in the order {@link #write} writes them. */
  static List<String> names(String node) {
    return List.of("service-" + node + "-" + UNITS.get(0) + ".log", "service-" + node + "-" + UNITS.get(1) + ".log",
        "psaux-" + node + ".txt", "dockerps-a-" + node + ".txt", "ip-a-" + node + ".txt", "ip-r-" + node + ".txt");
  }

  void write(SectionWriter out, String node) throws IOException {
    for (String unit : UNITS) {
      // -l: full lines; journalctl -x adds the catalog's explanations, as the original's -xe did.
      LiveClusterDump.write(out, "service-" + node + "-" + unit + ".log", shell(node,
          "systemctl status --no-pager -l " + unit + "; journalctl --no-pager -x -n all -u " + unit));
    }
    LiveClusterDump.write(out, "psaux-" + node + ".txt", shell(node, "ps auxww"));
    LiveClusterDump.write(out, "dockerps-a-" + node + ".txt", shell(node, "docker ps -a"));
    LiveClusterDump.write(out, "ip-a-" + node + ".txt", shell(node, "ip a"));
    LiveClusterDump.write(out, "ip-r-" + node + ".txt", shell(node, "ip r"));
  }

  /** The output of a shell command line, or a note saying why there is none. */
  private String shell(String node, String commandLine) {
    ExecRequest request = new ExecRequest(List.of("sh", "-c", "exec 2>&1; " + commandLine), Map.of(), TIMEOUT);
    try {
      ExecResult result = runtime.exec(node, request);
      String text = result.stdout() + result.stderr();
      if (!result.ok() && text.isBlank()) {
        return LiveClusterDump.NOTE + "'" + commandLine + "' exited with " + result.exitCode() + " and printed nothing\n";
      }
      return text;
    } catch (RuntimeFailure e) {
      warnings.accept(node + ": " + e.getMessage());
      return LiveClusterDump.NOTE + e.getMessage() + "\n";
    }
  }
}
