package dev.dindcluster.kube;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The few API server calls the lifecycle makes (no kubectl). Calls fail fast with {@link
 * KubeFailure}; waiting and retrying belong to the caller ({@link KubeWaits}).
 */
public interface KubeApi extends AutoCloseable {
  /** True when {@code /readyz} answers ok; false when it is not ready or cannot be reached. */
  boolean readyz();

  List<NodeStatus> nodes();

  /** Creates, or replaces, every object of a multi-document YAML manifest. */
  void apply(String manifestYaml);

  /**
   * The data keys of a ConfigMap (not its values), empty when it does not exist: enough to see
   * whether kube-controller-manager has signed a bootstrap token into kube-public/cluster-info.
   */
  Set<String> configMapKeys(String namespace, String name);

  /** Pods of one namespace, or of all when {@code namespace} is null. */
  List<PodStatus> pods(String namespace);

  /** A container's log; {@code previous} for the one before its last restart. */
  String podLogs(String namespace, String pod, String container, boolean previous);

  /**
   * The same log copied into {@code out} as it arrives, never held whole (a dump of a chatty pod
   * must not need its log's size in memory). Fails with {@link KubeFailure}; bytes copied before
   * a failure stay written. This default suits fakes; the real API streams.
   */
  default void copyPodLogs(String namespace, String pod, String container, boolean previous, OutputStream out)
      throws IOException {
    out.write(podLogs(namespace, pod, container, previous).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Every object of one kind, in all namespaces, ordered by namespace then name (Secrets are not a
   * kind this lists: a dump must never carry them).
   */
  List<KubeObject> objects(ObjectKind kind);

  /** Events of one namespace, or of all when {@code namespace} is null, oldest first. */
  List<EventInfo> events(String namespace);

  @Override
  void close();
}
