package dev.dindcluster.kube;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Polls the API server until the cluster is usable: {@code /readyz}, then N nodes Ready (not
 * "all kube-system pods Ready": kubelet 1.20 reports healthy static pods unready for ~1.5 min).
 */
public final class KubeWaits {
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration interval;

  public KubeWaits(Clock clock, Sleeper sleeper, Duration interval) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.interval = interval;
  }

  public void untilReadyz(KubeApi api, Duration timeout) {
    poll(timeout, api::readyz, () -> "the API server's /readyz did not answer ok");
  }

  /**
   * Waits until kube-controller-manager's bootstrap signer has signed the token {@code tokenId}
   * into kube-public/cluster-info. kubeadm join's token discovery needs that signature and, when
   * it is missing, retries only every 5 s; right after kubeadm init it usually is missing.
   */
  public void untilTokenSigned(KubeApi api, String tokenId, Duration timeout) {
    String key = CLUSTER_INFO_SIGNATURE_PREFIX + tokenId;
    AtomicReference<KubeFailure> lastFailure = new AtomicReference<>();
    poll(timeout, () -> {
      try {
        boolean signed = api.configMapKeys(CLUSTER_INFO_NAMESPACE, CLUSTER_INFO).contains(key);
        lastFailure.set(null);
        return signed;
      } catch (KubeFailure e) {
        lastFailure.set(e);
        return false;
      }
    }, () -> lastFailure.get() != null
        ? "cannot read " + CLUSTER_INFO_NAMESPACE + "/" + CLUSTER_INFO + " to see the bootstrap token " + tokenId
            + " signed: " + lastFailure.get().getMessage()
        : "no signature of the bootstrap token " + tokenId + " in " + CLUSTER_INFO_NAMESPACE + "/" + CLUSTER_INFO
            + " (kube-controller-manager's bootstrap signer signs it)");
  }

  /** Where kubeadm publishes the cluster's CA and address for token discovery, and the signature keys' prefix. */
  static final String CLUSTER_INFO_NAMESPACE = "kube-public";
  static final String CLUSTER_INFO = "cluster-info";
  static final String CLUSTER_INFO_SIGNATURE_PREFIX = "jws-kubeconfig-";

  /** Waits until at least {@code count} nodes are Ready and returns them all. */
  public List<NodeStatus> untilNodesReady(KubeApi api, int count, Duration timeout) {
    return untilNodesReady(api, count, Instant.MIN, timeout);
  }

  /**
   * Waits until at least {@code count} nodes are Ready as reported by their kubelet at or after
   * {@code reportedSince} (a restored cluster's stored conditions are from before {@code down}),
   * and returns them all.
   */
  public List<NodeStatus> untilNodesReady(KubeApi api, int count, Instant reportedSince, Duration timeout) {
    AtomicReference<List<NodeStatus>> last = new AtomicReference<>(List.of());
    poll(timeout, () -> {
      try {
        last.set(api.nodes());
      } catch (KubeFailure e) {
        return false; // the API server may restart while nodes join
      }
      return last.get().stream().filter(n -> n.readySince(reportedSince)).count() >= count;
    }, () -> describe(last.get(), count, reportedSince));
    return last.get();
  }

  /** Waits until a pod whose name starts with {@code namePrefix} runs with every container ready. */
  public PodStatus untilPodReady(KubeApi api, String namespace, String namePrefix, Duration timeout) {
    return untilPodReady(api, namespace, namePrefix, Instant.MIN, timeout);
  }

  /**
   * Waits until a pod whose name starts with {@code namePrefix} runs with every container ready
   * and started at or after {@code startedSince} (not the status stored before a {@code down}).
   */
  public PodStatus untilPodReady(KubeApi api, String namespace, String namePrefix, Instant startedSince, Duration timeout) {
    AtomicReference<List<PodStatus>> last = new AtomicReference<>(List.of());
    poll(timeout, () -> {
      try {
        last.set(api.pods(namespace).stream().filter(p -> p.name().startsWith(namePrefix)).toList());
      } catch (KubeFailure e) {
        return false;
      }
      return last.get().stream().anyMatch(p -> "Running".equals(p.phase()) && p.allContainersReadySince(startedSince));
    }, () -> "no ready pod " + namespace + "/" + namePrefix + "*"
        + last.get().stream().map(p -> " (" + p.name() + ": " + p.phase() + ")").collect(Collectors.joining()));
    return last.get().stream().filter(p -> "Running".equals(p.phase()) && p.allContainersReadySince(startedSince))
        .findFirst().orElseThrow();
  }

  /**
   * Waits until kube-system has pods and every one is Running (or Succeeded). Not Ready: kubelet
   * 1.20 reports healthy static pods unready for about 1.5 minutes after init.
   */
  public void untilSystemPodsRunning(KubeApi api, Duration timeout) {
    AtomicReference<List<PodStatus>> notRunning = new AtomicReference<>(List.of());
    poll(timeout, () -> {
      try {
        List<PodStatus> pods = api.pods("kube-system");
        notRunning.set(pods.stream().filter(p -> !"Running".equals(p.phase()) && !"Succeeded".equals(p.phase())).toList());
        return !pods.isEmpty() && notRunning.get().isEmpty();
      } catch (KubeFailure e) {
        return false; // the API server may be restarting
      }
    }, () -> "kube-system pods to run; not running: "
        + notRunning.get().stream().map(p -> p.name() + " (" + p.phase() + ")").collect(Collectors.joining(", ")));
  }

  private static String describe(List<NodeStatus> nodes, int count, Instant since) {
    long ready = nodes.stream().filter(n -> n.readySince(since)).count();
    String notReady = nodes.stream().filter(n -> !n.ready()).map(NodeStatus::name).collect(Collectors.joining(", "));
    String stale = nodes.stream().filter(n -> n.ready() && !n.readySince(since)).map(NodeStatus::name)
        .collect(Collectors.joining(", "));
    return ready + " of " + count + " nodes Ready"
        + (notReady.isEmpty() ? "" : " (not Ready: " + notReady + ")")
        + (stale.isEmpty() ? "" : " (no report from kubelet since the bring-up began: " + stale + ")")
        + (nodes.size() < count ? " (" + nodes.size() + " registered)" : "");
  }

  private void poll(Duration timeout, Supplier<Boolean> done, Supplier<String> whatIsMissing) {
    Instant deadline = clock.instant().plus(timeout);
    while (!done.get()) {
      if (!clock.instant().isBefore(deadline)) {
        throw new KubeFailure("timed out after " + timeout.toSeconds() + "s: " + whatIsMissing.get());
      }
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KubeFailure("interrupted while waiting: " + whatIsMissing.get(), e);
      }
    }
  }
}
