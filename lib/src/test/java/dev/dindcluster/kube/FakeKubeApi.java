package dev.dindcluster.kube;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory {@link KubeApi} for unit tests: pods, logs, objects and events as the test puts
 * them; a call named in {@link #failing} throws the {@link KubeFailure} the real adapter would.
 */
public final class FakeKubeApi implements KubeApi {
  public boolean ready = true;
  public boolean closed;
  public final List<PodStatus> pods = new ArrayList<>();
  public final List<NodeStatus> nodeList = new ArrayList<>();
  public final List<EventInfo> events = new ArrayList<>();
  public final Map<ObjectKind, List<KubeObject>> objects = new EnumMap<>(ObjectKind.class);
  /** Logs by "ns/pod/container" (current) and "ns/pod/container/previous". */
  public final Map<String, String> logs = new HashMap<>();
  /** Calls that fail: "pods", "events", "objects:<KIND>", "configmap:<ns>/<name>", or a log key as in {@link #logs}. */
  public final List<String> failing = new ArrayList<>();

  public FakeKubeApi pod(String namespace, String name, String node, PodStatus.Container... containers) {
    pods.add(new PodStatus(namespace, name, node, "Running", "10.244.1.5", List.of(containers)));
    return this;
  }

  public FakeKubeApi object(KubeObject object) {
    objects.computeIfAbsent(object.kind(), k -> new ArrayList<>()).add(object);
    return this;
  }

  private void check(String call) {
    if (failing.contains(call)) {
      throw new KubeFailure(call + ": injected failure (HTTP 500)");
    }
  }

  @Override
  public boolean readyz() {
    return ready;
  }

  @Override
  public List<NodeStatus> nodes() {
    check("nodes");
    return List.copyOf(nodeList);
  }

  /** Manifests applied, in order. */
  public final List<String> applied = new ArrayList<>();

  @Override
  public void apply(String manifestYaml) {
    check("apply");
    applied.add(manifestYaml);
  }

  /** ConfigMap data keys by "ns/name"; a test may change them between polls. */
  public final Map<String, java.util.Set<String>> configMapKeys = new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public java.util.Set<String> configMapKeys(String namespace, String name) {
    check("configmap:" + namespace + "/" + name);
    return java.util.Set.copyOf(configMapKeys.getOrDefault(namespace + "/" + name, java.util.Set.of()));
  }

  @Override
  public List<PodStatus> pods(String namespace) {
    check("pods");
    return pods.stream().filter(p -> namespace == null || namespace.equals(p.namespace())).toList();
  }

  @Override
  public String podLogs(String namespace, String pod, String container, boolean previous) {
    String key = namespace + "/" + pod + "/" + container + (previous ? "/previous" : "");
    check(key);
    String log = logs.get(key);
    if (log == null) {
      throw new KubeFailure("logs of " + key + ": not found");
    }
    return log;
  }

  /** Logs a test writes itself, in parts (to check streaming, or to fail half-way); keyed as {@link #logs}. */
  public final Map<String, LogWriter> streamedLogs = new HashMap<>();

  @FunctionalInterface
  public interface LogWriter {
    void write(java.io.OutputStream out) throws java.io.IOException;
  }

  @Override
  public void copyPodLogs(String namespace, String pod, String container, boolean previous, java.io.OutputStream out)
      throws java.io.IOException {
    String key = namespace + "/" + pod + "/" + container + (previous ? "/previous" : "");
    LogWriter writer = streamedLogs.get(key);
    if (writer == null) {
      KubeApi.super.copyPodLogs(namespace, pod, container, previous, out);
    } else {
      check(key);
      writer.write(out);
    }
  }

  @Override
  public List<KubeObject> objects(ObjectKind kind) {
    check("objects:" + kind);
    return objects.getOrDefault(kind, List.of());
  }

  @Override
  public List<EventInfo> events(String namespace) {
    check("events");
    return events.stream().filter(e -> namespace == null || namespace.equals(e.namespace())).toList();
  }

  @Override
  public void close() {
    closed = true;
  }
}
