package dev.dindcluster.lifecycle;

import dev.dindcluster.dump.DumpFormat;
import dev.dindcluster.dump.DumpSource;
import dev.dindcluster.dump.SectionWriter;
import dev.dindcluster.kube.EventInfo;
import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.kube.KubeFailure;
import dev.dindcluster.kube.KubeObject;
import dev.dindcluster.kube.ObjectKind;
import dev.dindcluster.kube.PodStatus;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.NodePlan;
import dev.dindcluster.runtime.ContainerInfo;
import dev.dindcluster.runtime.NodeRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The state of a running cluster as the original's {@code dump} collected it, in its
 * section names: per running node its units' status and journal, processes, inner containers and
 * addresses (by exec, {@link NodeSections}); then, through the API (no kubectl), every pod
 * container's log, {@code kubectl-all.txt}, {@code describe-all.txt}, {@code nodes.txt} and {@code
 * events.txt}. Like the original it keeps going past failures: a part that cannot be read says
 * why in its section. Without API access the node sections are still written, and {@value
 * #API_UNAVAILABLE} says why the rest is missing.
 */
public final class LiveClusterDump implements DumpSource {
  public static final String API_UNAVAILABLE = "api-unavailable.txt";
  /** Our own notes inside sections start with this, so nobody mistakes them for a command's output. */
  static final String NOTE = "# dind-cluster dump: ";
  /** Starts the line between a container's current log and its previous instance's. */
  public static final String PREVIOUS_SEPARATOR_START = "----- dind-cluster dump: previous instance of container ";

  private final ClusterPlan plan;
  private final NodeRuntime runtime;
  private final ApiConnection api;
  private final Clock clock;
  private final Consumer<String> warnings;

  public LiveClusterDump(ClusterPlan plan, NodeRuntime runtime, ApiConnection api, Clock clock, Consumer<String> warnings) {
    this.plan = Objects.requireNonNull(plan, "plan");
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.api = Objects.requireNonNull(api, "api");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.warnings = Objects.requireNonNull(warnings, "warnings");
  }

  /** What {@value #API_UNAVAILABLE} says first (then why): which sections are missing and whose API server is out of reach. */
  static String apiUnavailableNote(String whose) {
    return "no pod logs, " + DumpFormat.KUBECTL_ALL + ", " + DumpFormat.DESCRIBE_ALL + ", " + DumpFormat.NODES + " or "
        + DumpFormat.EVENTS + ": the API server of " + whose + " cannot be reached.";
  }

  /** The cluster's running node containers: the plan's nodes in its order (master first), then any others by name. */
  public static List<String> runningNodes(ClusterPlan plan, NodeRuntime runtime) {
    List<String> planned = plan.nodes().stream().map(NodePlan::name).toList();
    return runtime.containersWithLabel(ClusterLabels.filter(plan), false).stream()
        .filter(ContainerInfo::running)
        .map(ContainerInfo::name)
        .sorted(Comparator.comparingInt((String n) -> planned.contains(n) ? planned.indexOf(n) : planned.size())
            .thenComparing(Comparator.naturalOrder()))
        .toList();
  }

  @Override
  public void writeTo(SectionWriter out) throws IOException {
    out.header();
    NodeSections nodes = new NodeSections(runtime, warnings);
    for (String node : runningNodes(plan, runtime)) {
      nodes.write(out, node);
    }
    if (api.isAvailable()) {
      writeApiSections(out, api.api());
    } else {
      write(out, API_UNAVAILABLE, NOTE + apiUnavailableNote("cluster " + plan.context()) + "\n" + NOTE
          + api.unavailableReason() + "\n");
    }
    out.finish();
  }

  private void writeApiSections(SectionWriter out, KubeApi kube) throws IOException {
    List<PodStatus> pods = attempt("list pods", () -> kube.pods(null), List.of());
    for (PodStatus pod : pods.stream().sorted(Comparator.comparing(PodStatus::namespace).thenComparing(PodStatus::name)).toList()) {
      String node = pod.nodeName() == null ? "unscheduled" : pod.nodeName();
      for (PodStatus.Container container : pod.containers()) {
        copyPodLog(out.section("pod-" + node + "-" + pod.namespace() + "-" + pod.name() + "--" + container.name() + ".log"),
            kube, pod, container);
      }
    }
    Map<ObjectKind, List<KubeObject>> objects = new LinkedHashMap<>();
    Map<ObjectKind, String> failed = new LinkedHashMap<>();
    for (ObjectKind kind : ObjectKind.values()) {
      try {
        objects.put(kind, kube.objects(kind));
      } catch (KubeFailure e) {
        failed.put(kind, NOTE + e.getMessage() + "\n");
        warnings.accept(e.getMessage());
        objects.put(kind, List.of());
      }
    }
    List<EventInfo> events;
    String eventsFailure = null;
    try {
      events = kube.events(null);
    } catch (KubeFailure e) {
      events = List.of();
      eventsFailure = NOTE + e.getMessage() + "\n";
      warnings.accept(e.getMessage());
    }
    var now = clock.instant();
    List<String> tables = new ArrayList<>();
    for (ObjectKind kind : KubeReports.ALL) {
      String table = failed.getOrDefault(kind, KubeReports.table(objects.get(kind), true, now));
      if (!table.isEmpty()) {
        tables.add(table);
      }
    }
    write(out, DumpFormat.KUBECTL_ALL, tables.isEmpty() ? "No resources found\n" : String.join("\n", tables));
    var describe = out.section(DumpFormat.DESCRIBE_ALL);
    boolean described = false;
    for (ObjectKind kind : KubeReports.ALL) {
      if (failed.containsKey(kind)) {
        describe.write(failed.get(kind).getBytes(StandardCharsets.UTF_8));
      }
      for (KubeObject object : objects.get(kind)) {
        describe.write(KubeReports.describe(object, events).getBytes(StandardCharsets.UTF_8));
        described = true;
      }
    }
    if (!described && KubeReports.ALL.stream().noneMatch(failed::containsKey)) {
      describe.write("No resources found\n".getBytes(StandardCharsets.UTF_8));
    }
    String nodes = KubeReports.table(objects.get(ObjectKind.NODE), false, now);
    write(out, DumpFormat.NODES, failed.getOrDefault(ObjectKind.NODE, nodes.isEmpty() ? "No resources found\n" : nodes));
    write(out, DumpFormat.EVENTS, eventsFailure != null ? eventsFailure : KubeReports.events(events, true, ""));
  }

  /**
   * The container's log, and after a restart the previous instance's log under a separator line,
   * streamed into the section (a log is never held whole).
   */
  private void copyPodLog(OutputStream section, KubeApi kube, PodStatus pod, PodStatus.Container container)
      throws IOException {
    TrackingStream out = new TrackingStream(section);
    copyOrNote(out, previous -> kube.copyPodLogs(pod.namespace(), pod.name(), container.name(), false, previous));
    if (container.restartCount() > 0) {
      out.writeOnOwnLine(PREVIOUS_SEPARATOR_START + container.name() + " (restarted " + container.restartCount()
          + " times) -----\n");
      copyOrNote(out, previous -> kube.copyPodLogs(pod.namespace(), pod.name(), container.name(), true, previous));
    }
  }

  /** Runs one copy; a failure becomes a note after whatever was copied. */
  private void copyOrNote(TrackingStream out, LogCopy copy) throws IOException {
    try {
      copy.into(out);
    } catch (KubeFailure e) {
      warnings.accept(e.getMessage());
      out.writeOnOwnLine(NOTE + e.getMessage() + "\n");
    }
  }

  @FunctionalInterface
  private interface LogCopy {
    void into(OutputStream out) throws IOException;
  }

  private <T> T attempt(String what, Supplier<T> call, T fallback) {
    try {
      return call.get();
    } catch (KubeFailure e) {
      warnings.accept(e.getMessage().startsWith(what) ? e.getMessage() : what + ": " + e.getMessage());
      return fallback;
    }
  }

  static void write(SectionWriter out, String section, String content) throws IOException {
    out.section(section).write(content.getBytes(StandardCharsets.UTF_8));
  }
}
