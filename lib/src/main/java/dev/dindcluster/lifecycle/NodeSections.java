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
 * {@code docker ps -a}, {@code ip a} and {@code ip r}. On a DIND_CRI=containerd node the runtime's
 * unit is containerd.service and the containers come from {@code ctr} in a section of their own
 * name (the image has no crictl: Debian does not package cri-tools). Commands run with stderr
 * merged into stdout, so error messages sit where they happened (the original dropped them).
 */
final class NodeSections {
  /** The node image's units worth a dump (the original's dindnet/criproxy/dockershim do not exist in it). */
  static final List<String> UNITS = List.of("kubelet.service", "docker.service");
  static final List<String> CONTAINERD_UNITS = List.of("kubelet.service", "containerd.service");
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  /**
   * CRI's containers: tasks with their state, then one line per container with its pod and name
   * (from the labels kubelet sets; a sandbox has no container name).
   */
  static final String CTR_CONTAINERS = "ctr -n " + NodeOps.CONTAINERD_NAMESPACE + " tasks ls; echo;"
      + " printf 'CONTAINER\tPOD\tNAME\tIMAGE\n';"
      + " ctr -n " + NodeOps.CONTAINERD_NAMESPACE + " containers ls -q | while read -r id; do"
      + " ctr -n " + NodeOps.CONTAINERD_NAMESPACE + " containers info \"$id\" | jq -r --arg id \"$id\""
      + " '[$id[0:13], (.Labels[\"io.kubernetes.pod.namespace\"] // \"-\") + \"/\" + (.Labels[\"io.kubernetes.pod.name\"] // \"-\"),"
      + " .Labels[\"io.kubernetes.container.name\"] // \"(sandbox)\", .Image] | @tsv'; done";

  private final NodeRuntime runtime;
  private final Consumer<String> warnings;

  NodeSections(NodeRuntime runtime, Consumer<String> warnings) {
    this.runtime = runtime;
    this.warnings = warnings;
  }

  /** One section: its name and the shell command line (run with stderr merged) whose output it holds. */
  record Command(String section, String commandLine) {}

  /** A node's sections in the order they are written: where the Java dump and the CI service's agree. */
  static List<Command> commands(String node, boolean containerd) {
    List<Command> commands = new java.util.ArrayList<>();
    for (String unit : containerd ? CONTAINERD_UNITS : UNITS) {
      // -l: full lines; journalctl -x adds the catalog's explanations, as the original's -xe did.
      commands.add(new Command("service-" + node + "-" + unit + ".log",
          "systemctl status --no-pager -l " + unit + "; journalctl --no-pager -x -n all -u " + unit));
    }
    commands.add(new Command("psaux-" + node + ".txt", "ps auxww"));
    commands.add(new Command((containerd ? "ctr-containers-" : "dockerps-a-") + node + ".txt",
        containerd ? CTR_CONTAINERS : "docker ps -a"));
    commands.add(new Command("ip-a-" + node + ".txt", "ip a"));
    commands.add(new Command("ip-r-" + node + ".txt", "ip r"));
    return List.copyOf(commands);
  }

  /** The section names of one node, in the order {@link #write} writes them. */
  static List<String> names(String node, boolean containerd) {
    return commands(node, containerd).stream().map(Command::section).toList();
  }

  void write(SectionWriter out, String node) throws IOException {
    for (Command command : commands(node, usesContainerd(node))) {
      shell(out, command.section(), node, command.commandLine());
    }
  }

  /** Which runtime the node uses; when the node cannot say, the dump goes on as for docker and says why on stderr. */
  private boolean usesContainerd(String node) {
    try {
      return NodeOps.usesContainerd(runtime, node);
    } catch (RuntimeFailure e) {
      warnings.accept(node + ": cannot read " + NodeOps.CRI_FILE + ": " + e.getMessage());
      return false;
    }
  }

  /**
   * A section holding a shell command line's output, streamed as it arrives (a journal is never held
   * whole), or a note saying why there is none or why it stops early.
   */
  private void shell(SectionWriter out, String section, String node, String commandLine) throws IOException {
    ExecRequest request = new ExecRequest(List.of("sh", "-c", "exec 2>&1; " + commandLine), Map.of(), TIMEOUT);
    TrackingStream content = new TrackingStream(out.section(section));
    String note;
    try {
      int exitCode = runtime.execStreaming(node, request, content);
      note = exitCode != 0 && content.count == 0
          ? "'" + commandLine + "' exited with " + exitCode + " and printed nothing" : null;
    } catch (RuntimeFailure e) {
      warnings.accept(node + ": " + e.getMessage());
      note = e.getMessage();
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    if (note != null) {
      content.writeOnOwnLine(LiveClusterDump.NOTE + note + "\n");
    }
  }
}
