package dev.dindcluster.api;

import dev.dindcluster.config.ConfigFile;
import dev.dindcluster.wiring.RealAdapters;
import dev.dindcluster.config.ConfigSources;
import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.config.InvalidConfigException;
import dev.dindcluster.dump.DumpPrinter;
import dev.dindcluster.dump.DumpReport;
import dev.dindcluster.dump.PlainSplitter;
import dev.dindcluster.kube.PrivateFiles;
import dev.dindcluster.lifecycle.Adapters;
import dev.dindcluster.lifecycle.ApiAccess;
import dev.dindcluster.lifecycle.ClusterLifecycle;
import dev.dindcluster.lifecycle.ClusterQueries;
import dev.dindcluster.lifecycle.ClusterRunner;
import dev.dindcluster.lifecycle.ClusterSession;
import dev.dindcluster.lifecycle.ClusterStateException;
import dev.dindcluster.lifecycle.CopyImage;
import dev.dindcluster.lifecycle.KubeadmFiles;
import dev.dindcluster.lifecycle.OpenLiveDump;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.NodePlan;
import dev.dindcluster.plan.PlanJson;
import dev.dindcluster.plan.Planner;
import dev.dindcluster.progress.ConsoleProgress;
import dev.dindcluster.progress.Progress;
import dev.dindcluster.runtime.ExecResult;
import dev.dindcluster.runtime.NodeRuntime;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * One dind-cluster cluster: 1 master and {@code NUM_NODES} workers, each a Docker container running
 * kubeadm, configured with the same knobs as the command line. Built by {@link #builder()}; every
 * method talks to the local Docker engine (and the cluster's API server) when called.
 *
 * <p>{@link #close()} takes the cluster {@link #down()} (its volumes stay, so the next {@link
 * #up()} restores it in seconds), or {@link #clean()}s it when built with {@link
 * Builder#cleanOnClose()}. Methods are safe to call from one thread at a time; two processes working
 * on one cluster wait for each other on the cluster's lock.
 */
public final class DindCluster implements AutoCloseable {
  /**
   * A node as planned, and whether its container runs now.
   *
   * @param name the container's name, e.g. {@code kube-master} or {@code kube-node-1-cluster-20}
   * @param role {@code master} or {@code worker}
   * @param ips its addresses on the cluster network, IPv4 first
   * @param running whether its container runs now
   */
  public record Node(String name, String role, List<String> ips, boolean running) {}

  /**
   * What a command run in a node printed, and its exit code.
   *
   * @param exitCode the command's exit code
   * @param stdout what it wrote on standard output
   * @param stderr what it wrote on standard error
   */
  public record ExecOutput(int exitCode, String stdout, String stderr) {
    /**
     * Whether the command succeeded.
     *
     * @return true for exit code 0
     */
    public boolean ok() {
      return exitCode == 0;
    }
  }

  private final Map<String, String> settings;
  private final FixedRelease release;
  private final Map<String, String> env;
  private final Adapters adapters;
  private final IntSupplier randomClusterId;
  private final Supplier<Progress> progress;
  private final boolean cleanOnClose;
  private final boolean retainOnFailure;
  private ClusterPlan resolved;
  private KubernetesClient client;

  private DindCluster(Builder b, ClusterPlan validated) {
    this.settings = Map.copyOf(b.merged());
    this.release = b.release;
    this.env = Map.copyOf(b.env);
    this.adapters = b.adapters != null ? b.adapters : RealAdapters.forEnvironment(b.env);
    this.randomClusterId = b.randomClusterId;
    this.progress = b.progress;
    this.cleanOnClose = b.cleanOnClose;
    this.retainOnFailure = b.retainOnFailure;
    this.resolved = validated.randomClusterId() ? null : validated;
  }

  /**
   * A builder with every knob at its default (the default Kubernetes version, 1 master + 2 workers,
   * IPv4, CLUSTER_ID 0).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ---- what the cluster is

  /**
   * The kubectl context name.
   *
   * @return e.g. {@code dind} or {@code dind-cluster-20}
   */
  public String context() {
    return plan().context();
  }

  /**
   * The cluster id (CLUSTER_ID, or the one resolved for a DIND_LABEL without it).
   *
   * @return 0..254
   */
  public int clusterId() {
    return plan().clusterId();
  }

  /**
   * The Kubernetes version the nodes run.
   *
   * @return e.g. {@code v1.20.2}
   */
  public String kubernetesVersion() {
    return plan().kubernetesVersion();
  }

  /**
   * Everything computed for the cluster, as {@code plan --json} prints it; creates nothing.
   *
   * @return the plan as JSON
   */
  public String planJson() {
    return PlanJson.toJson(plan());
  }

  /**
   * The kubeadm files {@code up} writes into the nodes, as {@code plan --kubeadm-config} prints them.
   *
   * @return YAML documents, bootstrap token and CA hash as placeholders
   */
  public String kubeadmConfig() {
    return KubeadmFiles.preview(plan());
  }

  /**
   * The planned nodes and whether each runs.
   *
   * @return master first, then the workers
   */
  public List<Node> nodes() {
    ClusterPlan plan = plan();
    try (NodeRuntime runtime = adapters.runtime()) {
      List<String> running = ClusterQueries.runningNodes(plan, runtime).stream().map(c -> c.name()).toList();
      List<Node> nodes = new ArrayList<>();
      for (NodePlan node : plan.nodes()) {
        nodes.add(new Node(node.name(), node.role().jsonName, node.ips().stream().map(Object::toString).toList(),
            running.contains(node.name())));
      }
      return nodes;
    } catch (RuntimeException e) {
      throw translate("nodes", e);
    }
  }

  /**
   * Whether the master's container runs.
   *
   * @return true when it does
   */
  public boolean isRunning() {
    return nodes().get(0).running();
  }

  // ---- lifecycle

  /** Brings the cluster up: restores it from its node volumes when they exist, else a full kubeadm bring-up. */
  public void up() {
    run("up", ClusterLifecycle::up);
  }

  /** Same as {@link #up()}: nodes are always recreated from the current local image. */
  public void reup() {
    up();
  }

  /** Removes the node containers; keeps the volumes (the snapshot) and the network. */
  public void down() {
    closeClient();
    run("down", s -> ClusterLifecycle.down());
  }

  /** Removes everything of this cluster, and only of it: containers, volumes, network, kubeconfig context. */
  public void clean() {
    closeClient();
    run("clean", s -> ClusterLifecycle.clean());
  }

  /**
   * Turns the running cluster into images that {@link #upFrom(String)} starts from, here or on another
   * host after {@code docker save}/{@code docker load}: copies {@code preload} into every node, takes
   * the cluster down and commits each node's volume into {@code NAME-<node>} ({@code NAME:<node>}
   * when the name has no tag). The cluster stays down; {@link #up()} restores it.
   *
   * @param name an image name, e.g. {@code ci/cluster:v1}
   * @param preload local images to bake into every node, e.g. {@code my/operator:dev}
   * @return the images made, then the node image they are built on: everything to save
   * @throws DindClusterException (invalid input) for a bad name, (wrong state) when a node is not running
   */
  public List<String> bake(String name, String... preload) {
    closeClient();
    // The name is checked as the actions are made, before any runs.
    run("bake", s -> {
      List<dev.dindcluster.lifecycle.Action> actions = new java.util.ArrayList<>();
      if (preload.length > 0) {
        actions.add(dev.dindcluster.lifecycle.Action.of("Copying " + preload.length + " image(s) into every node",
            x -> CopyImage.copyAll(x.plan(), x.runtime(), x.progress(), List.of(preload), null)).waiting());
      }
      actions.addAll(dev.dindcluster.lifecycle.ClusterBake.bake(s.plan(), name));
      return actions;
    });
    return dev.dindcluster.lifecycle.ClusterBake.images(plan(), name);
  }

  /**
   * Starts the cluster from the images {@link #bake(String, String...)} made, without kubeadm. The
   * cluster must have no volumes yet, and this builder's settings must be those it was baked with
   * (cluster id, label, IP mode, nodes, runtime): everything is checked before anything is created.
   *
   * @param name the name given to {@code bake}
   * @throws DindClusterException (invalid input) when the images are missing or were baked otherwise,
   *     (wrong state) when the cluster already has volumes
   */
  public void upFrom(String name) {
    try (NodeRuntime runtime = adapters.runtime()) {
      dev.dindcluster.lifecycle.ClusterBake.checkUnbake(plan(), runtime, name);
    } catch (RuntimeException e) {
      throw translate("upFrom", e);
    }
    run("upFrom", s -> dev.dindcluster.lifecycle.ClusterBake.unbake(s, name));
  }

  // ---- access

  /**
   * The API server's URL on the host (TLS, loopback).
   *
   * @return e.g. {@code https://127.0.0.1:32776}
   * @throws DindClusterException (wrong state) when the cluster is not running
   */
  public String apiServerUrl() {
    ClusterPlan plan = plan();
    try (NodeRuntime runtime = adapters.runtime()) {
      return ApiAccess.publishedServer(plan, ClusterQueries.apiServerPort(plan, runtime));
    } catch (RuntimeException e) {
      throw translate("apiServerUrl", e);
    }
  }

  /**
   * A standalone kubeconfig for the running cluster: kubeadm's admin credentials, TLS, the API
   * server published on loopback.
   *
   * @return the kubeconfig's YAML, with the cluster's context current
   */
  public String kubeconfig() {
    ClusterPlan plan = plan();
    try (NodeRuntime runtime = adapters.runtime()) {
      int port = ClusterQueries.apiServerPort(plan, runtime);
      return ApiAccess.adminEntry(plan, runtime, adapters.kubeconfigs(), port).toKubeconfigYaml();
    } catch (RuntimeException e) {
      throw translate("kubeconfig", e);
    }
  }

  /**
   * Writes {@link #kubeconfig()} to a new or replaced file readable by its owner only (0600).
   *
   * @param file where to write it; its directory must exist
   * @return {@code file}
   */
  public Path writeKubeconfig(Path file) {
    return PrivateFiles.write(file, kubeconfig());
  }

  /**
   * A fabric8 client for the running cluster, ready to use; {@link #down()}, {@link #clean()} and
   * {@link #close()} close it.
   *
   * @return the same client on every call until then
   */
  public synchronized KubernetesClient client() {
    if (client == null) {
      client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig())).build();
    }
    return client;
  }

  /**
   * Runs a command in a node container.
   *
   * @param node a node's name, as {@link #nodes()} gives it
   * @param command the program and its arguments; no shell (pass {@code "sh", "-c", "..."} for one)
   * @return its output and exit code
   */
  public ExecOutput exec(String node, String... command) {
    ClusterPlan plan = plan();
    if (plan.nodes().stream().noneMatch(n -> n.name().equals(node))) {
      throw new IllegalArgumentException("node '" + node + "' is not one of " + plan.nodes().stream().map(NodePlan::name).toList());
    }
    try (NodeRuntime runtime = adapters.runtime()) {
      ExecResult result = runtime.exec(node, command);
      return new ExecOutput(result.exitCode(), result.stdout(), result.stderr());
    } catch (RuntimeException e) {
      throw translate("exec in " + node, e);
    }
  }

  /**
   * Copies images of the local engine into every running node's runtime, so pods use them without
   * a registry.
   *
   * @param images local image names, e.g. {@code my/operator:dev}
   * @return the nodes they were loaded into
   */
  public List<String> copyImage(String... images) {
    ClusterPlan plan = plan();
    try (NodeRuntime runtime = adapters.runtime()) {
      return CopyImage.copyAll(plan, runtime, progress.get(), List.of(images), null);
    } catch (RuntimeException e) {
      throw translate("copyImage", e);
    }
  }

  /**
   * Where to push images for this cluster's local registry ({@link Builder#localRegistryPort(int)}):
   * {@code 127.0.0.1:<port>}. Push {@code <prefix>/app:dev} from the host and use that same name as
   * a pod's image on any node.
   *
   * @return the image name prefix, empty when the cluster has no local registry
   */
  public java.util.Optional<String> localRegistry() {
    return plan().localRegistryPlan().map(dev.dindcluster.plan.LocalRegistryPlan::imagePrefix);
  }

  /**
   * Writes the live cluster's state as files (what {@code dump | split-dump} gives), redacted.
   *
   * @param dir the directory to write into; created when missing
   */
  public void dump(Path dir) {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    withDumpSource(source -> DumpPrinter.plain(source, plain, true));
    try {
      Files.createDirectories(dir);
      PlainSplitter.split(new ByteArrayInputStream(plain.toByteArray()), dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the dump into " + dir, e);
    }
  }

  /**
   * Writes {@code index.html} into a directory of dump files (from {@link #dump(Path)}, {@code split-dump}
   * or {@code split-dump64}, also of the original's dumps): the nodes and whether they are Ready, the
   * pods that are not Ready or restarted with their last log lines and events, the warning events
   * and a link to every file. What {@code split-dump --report} does.
   *
   * @param dir a directory of split dump files
   * @return the top problems in a few lines of plain text
   */
  public static String writeDumpReport(Path dir) {
    DumpReport report = DumpReport.read(dir);
    report.writeHtml();
    return report.summary();
  }

  /**
   * Writes the live cluster's state as a CI-log-safe {@code dump64} blob, redacted.
   *
   * @param out where the blob goes, e.g. {@code System.out}; not closed
   */
  public void dump64(OutputStream out) {
    withDumpSource(source -> DumpPrinter.base64(source, out, true));
  }

  /** {@link #down()}, or {@link #clean()} when built with {@link Builder#cleanOnClose()}. */
  @Override
  public void close() {
    if (cleanOnClose) {
      clean();
    } else {
      down();
    }
  }

  // ---- internals

  private interface DumpBody {
    void write(OpenLiveDump source) throws IOException;
  }

  private void withDumpSource(DumpBody body) {
    ClusterPlan plan = plan();
    try (OpenLiveDump dump = OpenLiveDump.open(plan, adapters, Clock.systemUTC(), warning -> progress.get().warn(warning))) {
      body.write(dump);
    } catch (IOException e) {
      throw new UncheckedIOException("dump of " + plan.context(), e);
    } catch (RuntimeException e) {
      throw translate("dump", e);
    }
  }

  private synchronized ClusterPlan plan() {
    if (resolved == null) {
      try {
        resolved = ClusterRunner.resolvePlan(settings, release, randomClusterId, adapters);
      } catch (RuntimeException e) {
        throw translate("plan", e);
      }
    }
    return resolved;
  }

  private void run(String operation, java.util.function.Function<ClusterSession,
      List<dev.dindcluster.lifecycle.Action>> actions) {
    ClusterPlan plan = plan();
    try {
      ClusterRunner.run(plan, adapters, progress.get(),
          new ClusterSession.Options(retainOnFailure, ClusterSession.Options.defaults().readyTimeout()),
          ClusterRunner.lockDir(env), actions);
    } catch (RuntimeException e) {
      throw translate(operation, e);
    }
  }

  private synchronized void closeClient() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  private RuntimeException translate(String operation, RuntimeException e) {
    if (e instanceof InvalidConfigException || e instanceof IllegalArgumentException || e instanceof DindClusterException) {
      return e;
    }
    String message = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    return new DindClusterException(operation + ": " + message, e instanceof ClusterStateException, e);
  }

  /**
   * Collects the knobs, then validates them all at once in {@link #build()}. Precedence, as on the
   * command line: {@link #config(Path) config file} &lt; {@link #fromEnvironment() environment} &lt;
   * the methods here.
   */
  public static final class Builder {
    private final Map<String, String> explicit = new LinkedHashMap<>();
    private Map<String, String> env = System.getenv();
    private boolean useEnvironmentKnobs;
    private Path configFile;
    private FixedRelease release = FixedRelease.forVersion(FixedRelease.DEFAULT_VERSION);
    private Adapters adapters;
    private IntSupplier randomClusterId = randomIds();
    private Supplier<Progress> progress = () -> ConsoleProgress.forStderr(System.err, ConsoleProgress.Level.NORMAL, false);
    private boolean cleanOnClose;
    private boolean retainOnFailure;

    private Builder() {}

    private static IntSupplier randomIds() {
      SecureRandom random = new SecureRandom();
      return () -> random.nextInt(12) + 1; // the original's 1..12 for a DIND_LABEL without CLUSTER_ID
    }

    /**
     * CLUSTER_ID: side-by-side clusters differ in it.
     *
     * @param id 0..254
     * @return this builder
     */
    public Builder clusterId(int id) {
      return set("CLUSTER_ID", Integer.toString(id));
    }

    /**
     * DIND_LABEL: the cluster's name suffix and label; without a cluster id a random one is taken.
     *
     * @param label letters, digits, {@code _ . -}
     * @return this builder
     */
    public Builder label(String label) {
      return set("DIND_LABEL", label);
    }

    /**
     * NUM_NODES: the workers besides the master.
     *
     * @param workers 0 (a schedulable master alone) and up
     * @return this builder
     */
    public Builder numNodes(int workers) {
      return set("NUM_NODES", Integer.toString(workers));
    }

    /**
     * DIND_ZONES: workers round-robin over these zones (the first worker in the first), the master
     * in the first; kubelet registers the {@code topology.kubernetes.io} and
     * {@code failure-domain.beta.kubernetes.io} zone and region labels when the node joins.
     *
     * @param zones zone names (label values)
     * @return this builder
     */
    public Builder zones(String... zones) {
      return set("DIND_ZONES", String.join(",", zones));
    }

    /**
     * Adds a label kubelet registers the node with (DIND_NODE_LABELS).
     *
     * @param node {@code kube-master}, {@code kube-node-N} or a full node name
     * @param key a label key; {@code kubernetes.io} keys only where kubelet may set them
     * @param value a label value
     * @return this builder
     */
    public Builder nodeLabel(String node, String key, String value) {
      return append("DIND_NODE_LABELS", node + ":" + key + "=" + value);
    }

    /**
     * Adds a taint kubelet registers the node with (DIND_NODE_TAINTS); the master keeps kubeadm's own.
     *
     * @param node {@code kube-master}, {@code kube-node-N} or a full node name
     * @param key the taint's key
     * @param value the taint's value, empty for none
     * @param effect {@code NoSchedule}, {@code PreferNoSchedule} or {@code NoExecute}
     * @return this builder
     */
    public Builder nodeTaint(String node, String key, String value, String effect) {
      return append("DIND_NODE_TAINTS", node + ":" + key + (value.isEmpty() ? "" : "=" + value) + ":" + effect);
    }

    /**
     * DIND_LOCAL_REGISTRY_PORT: a registry for this cluster published on the host's
     * {@code 127.0.0.1:port}; an image pushed there as {@code 127.0.0.1:port/app:dev} runs in pods
     * under that same name on every node. {@code down} keeps it, {@code clean} removes it.
     *
     * @param port the host port, 1-65535
     * @return this builder
     */
    public Builder localRegistryPort(int port) {
      return set("DIND_LOCAL_REGISTRY_PORT", Integer.toString(port));
    }

    private Builder append(String knob, String entry) {
      String before = explicit.get(knob);
      return set(knob, before == null || before.isEmpty() ? entry : before + ";" + entry);
    }

    /**
     * IP_MODE.
     *
     * @param mode {@code ipv4}, {@code ipv6} or {@code dual-stack}
     * @return this builder
     */
    public Builder ipMode(String mode) {
      return set("IP_MODE", mode);
    }

    /**
     * CNI_PLUGIN.
     *
     * @param plugin {@code bridge} or {@code ptp} (the ones that work offline)
     * @return this builder
     */
    public Builder cni(String plugin) {
      return set("CNI_PLUGIN", plugin);
    }

    /**
     * DIND_CRI: the nodes' container runtime (default: docker up to Kubernetes 1.23, containerd after).
     *
     * @param cri {@code docker} or {@code containerd}
     * @return this builder
     */
    public Builder runtime(String cri) {
      return set("DIND_CRI", cri);
    }

    /**
     * The Kubernetes version; its node image is {@code dind-cluster/node:<version>}, built from the
     * release artifacts when missing. Default: {@value FixedRelease#DEFAULT_VERSION}.
     *
     * @param version e.g. {@code v1.20.2}
     * @return this builder
     * @throws InvalidConfigException when it is not a version
     */
    public Builder kubernetesVersion(String version) {
      try {
        this.release = FixedRelease.forVersion(Objects.requireNonNull(version, "version"));
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException(List.of(new dev.dindcluster.config.Problem("kubernetesVersion", version, e.getMessage())));
      }
      return this;
    }

    /**
     * Any knob of the configuration table, by name.
     *
     * @param knob e.g. {@code SERVICE_CIDR}
     * @param value e.g. {@code 10.96.0.0/16}
     * @return this builder
     */
    public Builder set(String knob, String value) {
      explicit.put(Objects.requireNonNull(knob, "knob"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * A config.sh-style file of KEY=VALUE lines, weakest of the sources.
     *
     * @param file the file, read by {@link #build()}
     * @return this builder
     */
    public Builder config(Path file) {
      this.configFile = file;
      return this;
    }

    /**
     * Knobs from the environment too ({@code CLUSTER_ID=20 ...}), between the config file and the
     * methods here, as the command line reads them.
     *
     * @return this builder
     */
    public Builder fromEnvironment() {
      this.useEnvironmentKnobs = true;
      return this;
    }

    /**
     * The environment the engine and kubeconfig adapters read (DOCKER_HOST, KUBECONFIG, HOME,
     * TMPDIR), and {@link #fromEnvironment()} takes knobs from; default: the process's.
     *
     * @param environment variable names to values
     * @return this builder
     */
    public Builder environment(Map<String, String> environment) {
      this.env = Map.copyOf(environment);
      return this;
    }

    /**
     * {@link DindCluster#close()} cleans the cluster instead of taking it down.
     *
     * @return this builder
     */
    public Builder cleanOnClose() {
      this.cleanOnClose = true;
      return this;
    }

    /**
     * On a failed operation keep what it created, for debugging (the CLI's {@code --retain}).
     *
     * @return this builder
     */
    public Builder retainOnFailure() {
      this.retainOnFailure = true;
      return this;
    }

    /**
     * Where progress lines go (one per step, with its duration); default stderr.
     *
     * @param out the stream
     * @return this builder
     */
    public Builder progress(PrintStream out) {
      Objects.requireNonNull(out, "out");
      this.progress = () -> new ConsoleProgress(out, ConsoleProgress.Level.NORMAL, false, System::nanoTime);
      return this;
    }

    /**
     * No progress lines at all, for callers that print their own.
     *
     * @return this builder
     */
    public Builder quiet() {
      this.progress = Progress::silent;
      return this;
    }

    /** Fakes for unit tests of the API itself. */
    Builder adapters(Adapters fake, IntSupplier ids) {
      this.adapters = fake;
      this.randomClusterId = ids;
      return this;
    }

    private Map<String, String> merged() {
      Map<String, String> fromFile = configFile == null ? Map.of() : ConfigFile.read(configFile);
      return ConfigSources.merge(fromFile, useEnvironmentKnobs ? env : Map.of(), explicit);
    }

    /**
     * Validates every knob at once; creates nothing.
     *
     * @return the cluster (nothing of it exists until {@link DindCluster#up()})
     * @throws InvalidConfigException listing every problem (the CLI's exit 2)
     */
    public DindCluster build() {
      List<dev.dindcluster.config.Problem> unknown = dev.dindcluster.config.KnobNames.unknown(explicit, "set");
      if (!unknown.isEmpty()) {
        throw new InvalidConfigException(unknown);
      }
      ClusterPlan plan = Planner.plan(merged(), release, randomClusterId);
      return new DindCluster(this, plan);
    }
  }
}
