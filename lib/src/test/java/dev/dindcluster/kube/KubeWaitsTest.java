package dev.dindcluster.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubeWaitsTest {
  /** A clock that only moves when the sleeper sleeps: waits run instantly and deterministically. */
  private Instant now = Instant.parse("2021-01-01T00:00:00Z");
  private final List<Duration> slept = new ArrayList<>();
  private final KubeWaits waits = new KubeWaits(
      new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
      },
      duration -> {
        slept.add(duration);
        now = now.plus(duration);
      },
      Duration.ofSeconds(1));

  /** Answers nodes() from a script, then keeps answering the last one. */
  private static class ScriptedApi implements KubeApi {
    final Deque<Object> answers = new ArrayDeque<>();
    Object last;
    int readyzCalls;

    ScriptedApi then(Object answer) {
      answers.add(answer);
      return this;
    }

    @Override public boolean readyz() { readyzCalls++; return readyzCalls >= 3; }
    @SuppressWarnings("unchecked")
    @Override public List<NodeStatus> nodes() {
      last = answers.isEmpty() ? last : answers.poll();
      if (last instanceof KubeFailure) {
        throw (KubeFailure) last;
      }
      return (List<NodeStatus>) last;
    }
    @Override public void apply(String manifestYaml) {}
    @Override public java.util.Set<String> configMapKeys(String namespace, String name) { return java.util.Set.of(); }
    @Override public List<PodStatus> pods(String namespace) { return List.of(); }
    @Override public String podLogs(String namespace, String pod, String container, boolean previous) { return ""; }
    @Override public List<EventInfo> events(String namespace) { return List.of(); }
    @Override public List<KubeObject> objects(ObjectKind kind) { return List.of(); }
    @Override public void close() {}
  }

  private static NodeStatus node(String name, boolean ready) {
    return new NodeStatus(name, ready, List.of(), "10.192.0.2", "v1.20.2");
  }

  @Test
  void waitsThroughErrorsUntilEnoughNodesAreReady() {
    ScriptedApi api = new ScriptedApi()
        .then(new KubeFailure("list nodes: connection refused"))
        .then(List.of(node("kube-master", false)))
        .then(List.of(node("kube-master", true), node("kube-node-1", false)))
        .then(List.of(node("kube-master", true), node("kube-node-1", true)));
    List<NodeStatus> nodes = waits.untilNodesReady(api, 2, Duration.ofMinutes(1));
    assertThat(nodes).allMatch(NodeStatus::ready).hasSize(2);
    assertThat(slept).hasSize(3);
  }

  @Test
  void aTimeoutSaysWhichNodesAreMissing() {
    ScriptedApi api = new ScriptedApi().then(List.of(node("kube-master", true), node("kube-node-1", false)));
    assertThatThrownBy(() -> waits.untilNodesReady(api, 3, Duration.ofSeconds(10)))
        .isInstanceOf(KubeFailure.class)
        .hasMessage("timed out after 10s: 1 of 3 nodes Ready (not Ready: kube-node-1) (2 registered)");
    assertThat(slept).hasSize(10);
  }

  @Test
  void theJoinTokenIsAwaitedUntilItsSignatureIsInClusterInfoThroughErrors() {
    FakeKubeApi api = new FakeKubeApi();
    api.failing.add("configmap:kube-public/cluster-info");
    api.configMapKeys.put("kube-public/cluster-info", java.util.Set.of("kubeconfig"));
    KubeWaits signing = new KubeWaits(Clock.offset(Clock.systemUTC(), Duration.ZERO), interval -> {
      // The API answers on the second poll; the signature (for this token only) comes on the third.
      if (!api.failing.isEmpty()) {
        api.failing.clear();
      } else {
        api.configMapKeys.put("kube-public/cluster-info", java.util.Set.of("kubeconfig", "jws-kubeconfig-other1",
            "jws-kubeconfig-abcdef"));
      }
      slept.add(interval);
    }, Duration.ofMillis(100));
    signing.untilTokenSigned(api, "abcdef", Duration.ofMinutes(1));
    assertThat(slept).hasSize(2);
  }

  @Test
  void aTokenThatIsNeverSignedTimesOutNamingItsIdOnly() {
    FakeKubeApi api = new FakeKubeApi();
    api.configMapKeys.put("kube-public/cluster-info", java.util.Set.of("kubeconfig", "jws-kubeconfig-other1"));
    assertThatThrownBy(() -> waits.untilTokenSigned(api, "abcdef", Duration.ofSeconds(3)))
        .isInstanceOf(KubeFailure.class)
        .hasMessage("timed out after 3s: no signature of the bootstrap token abcdef in kube-public/cluster-info"
            + " (kube-controller-manager's bootstrap signer signs it)");
    assertThat(slept).hasSize(3);
  }

  @Test
  void aClusterInfoThatCannotBeReadTimesOutWithTheLastFailureNotBlamingTheSigner() {
    FakeKubeApi api = new FakeKubeApi();
    api.failing.add("configmap:kube-public/cluster-info");
    assertThatThrownBy(() -> waits.untilTokenSigned(api, "abcdef", Duration.ofSeconds(2)))
        .isInstanceOf(KubeFailure.class)
        .hasMessage("timed out after 2s: cannot read kube-public/cluster-info to see the bootstrap token abcdef signed:"
            + " configmap:kube-public/cluster-info: injected failure (HTTP 500)");
  }

  @Test
  void readyzIsPolledUntilOk() {
    ScriptedApi api = new ScriptedApi();
    waits.untilReadyz(api, Duration.ofSeconds(30));
    assertThat(api.readyzCalls).isEqualTo(3);
    assertThatThrownBy(() -> waits.untilReadyz(new ScriptedApi() {
      @Override public boolean readyz() { return false; }
    }, Duration.ofSeconds(2))).hasMessage("timed out after 2s: the API server's /readyz did not answer ok");
  }

  @Test
  void aReadyConditionFromBeforeTheRunIsNotEnough() {
    Instant began = now.plusMillis(1500);
    NodeStatus stale = new NodeStatus("kube-node-1", true, List.of(), "10.192.0.3", "v1.20.2", now);
    NodeStatus reported = new NodeStatus("kube-node-1", true, List.of(), "10.192.0.3", "v1.20.2", now.plusSeconds(3));
    NodeStatus master = new NodeStatus("kube-master", true, List.of(), "10.192.0.2", "v1.20.2", now.plusSeconds(1));
    // The master's heartbeat is within the second the run began (the API keeps whole seconds).
    ScriptedApi api = new ScriptedApi().then(List.of(master, stale)).then(List.of(master, stale)).then(List.of(master, reported));
    List<NodeStatus> nodes = waits.untilNodesReady(api, 2, began, Duration.ofMinutes(1));
    assertThat(nodes).contains(reported);
    assertThat(slept).hasSize(2);

    ScriptedApi never = new ScriptedApi().then(List.of(master, stale));
    assertThatThrownBy(() -> waits.untilNodesReady(never, 2, began, Duration.ofSeconds(2)))
        .hasMessage("timed out after 2s: 1 of 2 nodes Ready (no report from kubelet since the bring-up began: kube-node-1)");
  }

  @Test
  void aPodReadyBeforeTheRunMustHaveStartedAgain() {
    Instant began = now.plusSeconds(5);
    PodStatus old = new PodStatus("kube-system", "cluster-dns-1", "n", "Running", null,
        List.of(new PodStatus.Container("dns", "img", true, 0, now)));
    PodStatus restarted = new PodStatus("kube-system", "cluster-dns-1", "n", "Running", null,
        List.of(new PodStatus.Container("dns", "img", true, 1, began.plusSeconds(2))));
    Deque<List<PodStatus>> podAnswers = new ArrayDeque<>(List.of(List.of(old), List.of(old), List.of(restarted)));
    ScriptedApi api = new ScriptedApi() {
      @Override public List<PodStatus> pods(String namespace) {
        return podAnswers.size() > 1 ? podAnswers.poll() : podAnswers.peek();
      }
    };
    assertThat(waits.untilPodReady(api, "kube-system", "cluster-dns-", began, Duration.ofMinutes(1))).isEqualTo(restarted);
    assertThat(slept).hasSize(2);
    assertThat(old.allContainersReadySince(Instant.MIN)).isTrue();
  }
}
