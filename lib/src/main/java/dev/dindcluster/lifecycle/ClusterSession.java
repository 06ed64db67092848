package dev.dindcluster.lifecycle;

import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.kube.KubeconfigEntry;
import dev.dindcluster.kube.KubeconfigStore;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.progress.Progress;
import dev.dindcluster.runtime.EngineInfo;
import dev.dindcluster.runtime.NodeRuntime;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the actions of one command share: the plan, the adapters, the ledger of what this run
 * created, and the few facts learnt on the way (published port, join credentials).
 */
public final class ClusterSession {
  /** Knobs of a run that are not cluster configuration. */
  public record Options(boolean retain, Duration readyTimeout) {
    public static Options defaults() {
      return new Options(false, Duration.ofMinutes(5));
    }
  }

  private final ClusterPlan plan;
  private final NodeRuntime runtime;
  private final KubeconfigStore kubeconfigs;
  private final Function<KubeconfigEntry, KubeApi> kubeApis;
  private final Progress progress;
  private final Options options;
  private final Ledger ledger = new Ledger();
  private volatile boolean finished;
  private final java.util.List<StepTiming> timings = new java.util.concurrent.CopyOnWriteArrayList<>();
  private EngineInfo engine;

  // Learnt while running.
  volatile int apiServerPort;
  volatile String bootstrapToken;
  volatile String caCertHash;
  /** The node image has no DNS add-on image: kubeadm's add-on phase is skipped and our own DNS deployed. */
  volatile boolean ownDns = true;
  /** The node image's labels, as the image check read them (what the image carries: DNS add-on, provisioner). */
  volatile java.util.Map<String, String> nodeImageLabels = java.util.Map.of();
  volatile KubeconfigEntry adminAccess;
  /** What {@code up} chose (null for other commands). */
  volatile ClusterLifecycle.UpDecision upDecision;

  public ClusterSession(
      ClusterPlan plan,
      NodeRuntime runtime,
      KubeconfigStore kubeconfigs,
      Function<KubeconfigEntry, KubeApi> kubeApis,
      Progress progress,
      Options options) {
    this.plan = Objects.requireNonNull(plan, "plan");
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.kubeconfigs = Objects.requireNonNull(kubeconfigs, "kubeconfigs");
    this.kubeApis = Objects.requireNonNull(kubeApis, "kubeApis");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.options = Objects.requireNonNull(options, "options");
  }

  private volatile NodeImageBuilder imageBuilder = NodeImageBuilder.NONE;
  private volatile Runnable kubeApiWarmUp = () -> {};
  private volatile java.time.Clock clock = java.time.Clock.systemUTC();
  private volatile dev.dindcluster.kube.Sleeper sleeper = dev.dindcluster.kube.Sleeper.REAL;
  private volatile java.util.random.RandomGenerator random = new java.security.SecureRandom();

  /** Time for the waits (tests pass a fake clock and a sleeper that advances it). */
  public ClusterSession withTime(java.time.Clock clock, dev.dindcluster.kube.Sleeper sleeper) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /** Where bootstrap tokens come from (a secure source unless a test fixes it). */
  public ClusterSession withRandom(java.util.random.RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  private volatile java.time.Instant startedAt;

  /** Called when the actions begin: what the cluster reports from now on is this run's doing. */
  void markStarted() {
    startedAt = clock.instant();
  }

  /** When this run's actions began (the earliest instant when they have not begun). */
  public java.time.Instant startedAt() {
    return startedAt == null ? java.time.Instant.MIN : startedAt;
  }

  public java.time.Clock clock() { return clock; }
  public dev.dindcluster.kube.Sleeper sleeper() { return sleeper; }
  public java.util.random.RandomGenerator random() { return random; }

  /** What makes a missing node image (default: nothing, and the failure says how to get one). */
  public ClusterSession withImageBuilder(NodeImageBuilder builder) {
    this.imageBuilder = Objects.requireNonNull(builder, "builder");
    return this;
  }

  public NodeImageBuilder imageBuilder() { return imageBuilder; }

  /** What prepares the API client while the nodes start (default: nothing). */
  public ClusterSession withKubeApiWarmUp(Runnable warmUp) {
    this.kubeApiWarmUp = Objects.requireNonNull(warmUp, "warmUp");
    return this;
  }

  /** Starts preparing the API client for the calls that follow the nodes' start; returns at once. */
  public void warmUpKubeApi() { kubeApiWarmUp.run(); }

  /** Whether the cluster runs dind-cluster's own DNS (known once the node image was checked). */
  public boolean ownDns() { return ownDns; }

  /** What {@code up} chose and why; empty for other commands. */
  public java.util.Optional<ClusterLifecycle.UpDecision> upDecision() { return java.util.Optional.ofNullable(upDecision); }

  public ClusterPlan plan() { return plan; }
  public NodeRuntime runtime() { return runtime; }
  public KubeconfigStore kubeconfigs() { return kubeconfigs; }
  public Progress progress() { return progress; }
  public Ledger ledger() { return ledger; }
  public boolean retain() { return options.retain(); }
  public Options options() { return options; }

  /** The engine's facts, asked once per run. */
  public synchronized EngineInfo engine() {
    if (engine == null) {
      engine = runtime.engineInfo();
    }
    return engine;
  }

  /** An API client over the cluster's published port (call after the kubeconfig step). */
  public KubeApi kubeApi() {
    if (adminAccess == null) {
      throw new IllegalStateException("no API access yet: the kubeconfig step has not run");
    }
    return kubeApis.apply(adminAccess);
  }

  /** The API server URL written into the kubeconfig, once known. */
  public String apiServerUrl() {
    return adminAccess == null ? "(unknown)" : adminAccess.server();
  }

  /** How long one action took; {@code waiting} marks time spent waiting on kubeadm, kubelet or systemd. */
  public record StepTiming(String title, long millis, boolean waiting) {}

  public java.util.List<StepTiming> timings() { return java.util.List.copyOf(timings); }

  void recordTiming(StepTiming timing) { timings.add(timing); }

  boolean finished() { return finished; }

  void finish() { finished = true; }
}
