package dev.dindcluster.lifecycle;

import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.NodePlan;
import dev.dindcluster.runtime.NodeRuntime;
import dev.dindcluster.runtime.NodeSecurity;
import dev.dindcluster.runtime.NodeSpec;
import dev.dindcluster.format.DataFormat;
import dev.dindcluster.plan.PlanJson;
import dev.dindcluster.kube.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A cluster turned into images, and back. {@code bake} stops the nodes (systemd shuts kubelet, etcd
 * and the inner runtime down cleanly; the volumes then hold the snapshot a restore starts from) and
 * puts each node volume into an image of its own, {@code NAME-<node>} (or {@code NAME:<node>} when
 * NAME has no tag), on top of the node image, as one tar file made inside a helper container with
 * GNU tar's extended attributes: the inner runtime's overlay layers keep their whiteouts (character
 * devices) and opaque directories (trusted.* attributes), which the engine's own archive copy would
 * drop. {@code up --from NAME} unpacks each tar onto a fresh volume the same way and restores the
 * cluster from it, with no kubeadm: on another host too, after {@code docker save} and {@code docker load}.
 *
 * <p>What is baked in, and so must match: everything of the plan that ends up in certificates, etcd
 * or the nodes' configuration (identity, addresses, CIDRs, nodes, CNI, Kubernetes version, node
 * image) and the runtime; {@code up --from} compares it, and that the images come from one bake,
 * before it creates anything. Shared by every cluster made from the same images: the CA and
 * service-account keys, the certificates (valid a year from the first {@code up}), the bootstrap
 * tokens. Each baked cluster is a copy of one cluster, not a new one.
 */
public final class ClusterBake {
  /** Labels on baked images: what {@code up --from} checks before it creates anything. */
  public static final String BAKED = "dev.dindcluster.baked";
  public static final String BAKED_NODE = BAKED + ".node";
  /** The same random id on every image of one bake: images of two bakes under one name do not mix. */
  public static final String BAKED_ID = BAKED + ".id";
  /** The baked-in part of the plan (JSON) and the runtime: must equal this run's. */
  public static final String BAKED_PLAN = BAKED + ".plan";
  public static final String BAKED_CRI = BAKED + ".cri";
  /** The format of the labels above and of the tree; a later format refuses older images by this. */
  static final String FORMAT = "2";

  /** The plan's parts that are baked into certificates, etcd and the nodes' configuration. */
  static final List<String> BAKED_PLAN_KEYS = List.of("ipMode", "clusterId", "label", "network", "nodes",
      "podNetworkCidrs", "serviceCidr", "dnsServiceIp", "advertiseAddress", "image", "kubernetesVersion", "cniPlugin",
      "nat64");

  /** Where the helper containers see the node volume, and the tar inside a baked image. */
  private static final String VOLUME_IN_HELPER = "/dind-volume";
  private static final String TAR = "/dind-baked/var.tar";
  /** GNU tar with every extended attribute, numeric owners, devices kept: the inner overlay layers survive. */
  private static final String TAR_OPTIONS = "--xattrs --xattrs-include='*' --numeric-owner";
  private static final Duration TAR_TIMEOUT = Duration.ofMinutes(20);
  /** A helper's PID 1: waits until stopped, so the tool runs through exec and its exit code is known. */
  private static final String[] WAIT = {"sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"};

  /**
   * The bake helper's entrypoint, which its image keeps: with {@link #HELPER_ARG} it waits as {@link
   * #WAIT} does; the baked image's default argument is {@link #SERVICE_ARG}, so a plain {@code docker
   * run} of a baked single-node image starts the CI service ({@code service/dind-service}).
   */
  private static final String[] SERVICE_OR_WAIT = {"sh", "-c",
      "if [ \"${1:-}\" = --bake-helper ]; then trap 'exit 0' TERM; while true; do sleep 1; done; fi; "
          + "exec /dind-baked/dind-service \"$@\"", "dind-service"};
  private static final String HELPER_ARG = "--bake-helper";
  static final String SERVICE_ARG = "serve";
  /** Written beside the tree: the service's scripts and the facts of the plan they need. */
  private static final String SERVICE_DIR = "/dind-baked";
  private static final List<String> SERVICE_SCRIPTS = List.of("dind-service", "endpoint");

  /** Docker's reference grammar: [host[:port]/]component(/component)*[:tag], lowercase components. */
  private static final Pattern NAME = Pattern.compile(
      "(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?)/)?"
          + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
          + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?");

  private static final SecureRandom RANDOM = new SecureRandom();

  private ClusterBake() {}

  /** Throws {@link IllegalArgumentException} naming the value when {@code name} cannot name images. */
  public static String checkName(String name) {
    if (name == null || name.length() > 200 || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not an image name: lowercase letters, digits and separators"
          + " (. _ __ -) in path components, optionally a host[:port]/ in front and a :tag after (e.g. ci/cluster:v1)");
    }
    return name;
  }

  /** As {@link #checkName}, and every node's image name derived from it is valid too (tags end at 128 characters). */
  public static void checkNames(ClusterPlan plan, String name) {
    checkName(name);
    for (NodePlan node : plan.nodes()) {
      String image = imageFor(name, node.name());
      if (image.length() > 255 || !NAME.matcher(image).matches()) {
        throw new IllegalArgumentException("'" + name + "' gives " + node.name() + " the image name " + image
            + ", which is not valid (a tag is at most 128 characters, a name 255): use a shorter name or tag");
      }
    }
  }

  /** The image that holds {@code node}'s volume: {@code NAME-<node>} when NAME is tagged, else {@code NAME:<node>}. */
  public static String imageFor(String name, String node) {
    int colon = name.lastIndexOf(':');
    return colon > name.lastIndexOf('/') ? name + "-" + node : name + ":" + node;
  }

  /** Every image {@code bake} made for the plan, then the node image they are built on: what to save. */
  public static List<String> images(ClusterPlan plan, String name) {
    List<String> images = new ArrayList<>();
    plan.nodes().forEach(n -> images.add(imageFor(name, n.name())));
    images.add(plan.image());
    return images;
  }

  /** {@code bake}: the nodes stopped, then one image per node volume. The cluster stays down; 'up' restores it. */
  public static List<Action> bake(ClusterPlan plan, String name) {
    return bake(plan, name, null);
  }

  /**
   * The same, after running {@code hook} (an executable: a shell script, or a JBang script with its
   * {@code ///usr/bin/env jbang} line) against the running cluster: it gets {@code KUBECONFIG}, a
   * private standalone kubeconfig whose current context is the cluster's, and {@code DIND_CONTEXT};
   * its output goes to stderr; a non-zero exit stops the bake before anything is baked.
   */
  public static List<Action> bake(ClusterPlan plan, String name, Path hook) {
    checkNames(plan, name);
    if (hook != null && !Files.isExecutable(hook)) {
      throw new IllegalArgumentException("--hook '" + hook + "' is not an executable file (chmod +x it; a JBang script"
          + " needs its ///usr/bin/env jbang line)");
    }
    String bakeId = HexFormat.of().formatHex(randomBytes(8));
    List<Action> actions = new ArrayList<>();
    actions.add(Action.of("Checking every node runs", s -> {
      var running = ClusterQueries.runningNodes(s.plan(), s.runtime()).stream().map(c -> c.name()).toList();
      List<String> stopped = s.plan().nodes().stream().map(NodePlan::name).filter(n -> !running.contains(n)).toList();
      if (!stopped.isEmpty()) {
        throw new ClusterStateException("cannot bake cluster " + s.plan().label() + ": " + String.join(", ", stopped)
            + " not running ('up' first: bake takes a running cluster down and keeps what its volumes hold)");
      }
    }));
    if (hook != null) {
      actions.add(Action.of("Running the hook " + hook, s -> runHook(s, hook)).waiting());
    }
    // Stopped, not killed: systemd shuts etcd and the inner runtime down, so the tree is at rest.
    actions.add(Action.of("Stopping the nodes", s ->
        Parallel.forEach(s.plan().nodes(), n -> s.runtime().stopContainer(n.name(), Duration.ofSeconds(60)))).waiting());
    actions.addAll(ClusterLifecycle.down());
    for (NodePlan node : plan.nodes()) {
      actions.add(Action.of("Baking " + node.name() + "'s volume into " + imageFor(name, node.name()), s ->
          bakeNode(s, node, imageFor(name, node.name()), bakeId)).waiting());
    }
    return actions;
  }

  private static void runHook(ClusterSession s, Path hook) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("dind-cluster-hook"); // 0700: the kubeconfig holds admin credentials
      int port = ClusterQueries.apiServerPort(s.plan(), s.runtime());
      Path kubeconfig = PrivateFiles.write(dir.resolve("kubeconfig"),
          ApiAccess.adminEntry(s.plan(), s.runtime(), s.kubeconfigs(), port).toKubeconfigYaml());
      ProcessBuilder process = new ProcessBuilder(hook.toAbsolutePath().toString())
          // stdout is the command's output (the images); the hook talks on stderr.
          .redirectOutput(ProcessBuilder.Redirect.appendTo(new java.io.File("/dev/stderr")))
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      process.environment().put("KUBECONFIG", kubeconfig.toString());
      process.environment().put("DIND_CONTEXT", s.plan().context());
      int exit = process.start().waitFor();
      if (exit != 0) {
        throw new LifecycleFailure("the hook " + hook + " exited with " + exit + ": nothing was baked, the cluster still runs");
      }
    } catch (java.io.IOException e) {
      throw new LifecycleFailure("the hook " + hook + " could not run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LifecycleFailure("interrupted while the hook " + hook + " ran", e);
    } finally {
      if (dir != null) {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
          // a temporary directory of ours; the OS clears it
        }
      }
    }
  }

  private static void bakeNode(ClusterSession s, NodePlan node, String image, String bakeId) {
    String helper = s.plan().naming().bakeHelperName(node.name(), "bake", HexFormat.of().formatHex(randomBytes(4)));
    s.ledger().container(helper);
    try {
      s.runtime().run(helper(s, helper, s.plan().image()).mount(node.volume(), VOLUME_IN_HELPER)
          .entrypoint(SERVICE_OR_WAIT).command(HELPER_ARG).build());
      NodeOps.run(s.runtime(), helper, TAR_TIMEOUT, "sh", "-c", "mkdir -p " + SERVICE_DIR + " /etc/cni/net.d"
          + " && tar " + TAR_OPTIONS + " -C " + VOLUME_IN_HELPER + " -cf " + TAR + " .");
      addService(s, helper, node);
      s.runtime().commitContainer(helper, image, labels(s.plan(), node, bakeId), List.of(SERVICE_ARG));
    } finally {
      s.runtime().removeContainer(helper);
    }
  }

  /**
   * What a baked image needs to run alone as a CI service: the scripts, the plan's facts they use
   * (service.env) and the node's CNI configuration, which a restore writes into the container, not
   * the volume. Every node gets them; the service itself refuses all but a single-node bake.
   */
  private static void addService(ClusterSession s, String helper, NodePlan node) {
    for (String script : SERVICE_SCRIPTS) {
      s.runtime().writeFile(helper, SERVICE_DIR + "/" + script, resource("service/" + script), 0755);
    }
    // The live dump behind /dump and /dump64, made from the library's own rules at bake time.
    boolean containerd = "containerd".equals(s.plan().options().dindCri());
    s.runtime().writeFile(helper, SERVICE_DIR + "/dump", ServiceDumpScript.bash(node.name(), containerd,
        SERVICE_DIR + "/section-filter").getBytes(java.nio.charset.StandardCharsets.UTF_8), 0755);
    s.runtime().writeFile(helper, SERVICE_DIR + "/section-filter",
        dev.dindcluster.dump.SectionFilterScript.perl().getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644);
    s.runtime().writeFile(helper, SERVICE_DIR + "/service.env",
        serviceEnv(s.plan(), node).getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644);
    if (s.plan().cniPlugin().perNodeRoutes) {
      s.runtime().writeFile(helper, CniConfig.FILE,
          CniConfig.forNode(s.plan(), node).getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644);
    }
  }

  /**
   * The {@code docker run} that starts a bake's master image as a CI service on an engine like this
   * one (where the host lacks CAP_SYS_RESOURCE, every capability but that one instead of {@code
   * --privileged}), or empty when the bake cannot run as one (more than one node, not IPv4).
   */
  public static Optional<String> serviceRun(ClusterPlan plan, String name, dev.dindcluster.runtime.NodeSecurity security) {
    if (plan.nodes().size() != 1 || plan.ipMode() != dev.dindcluster.net.IpMode.IPV4) {
      return Optional.empty();
    }
    String flags = security == dev.dindcluster.runtime.NodeSecurity.RESTRICTED
        ? "--cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined --security-opt apparmor=unconfined"
            + " --device-cgroup-rule 'a *:* rwm' --device /dev/kmsg"
        : "--privileged";
    return Optional.of("docker run -d " + flags + " -p 127.0.0.1:6443:6443 -p 127.0.0.1:8080:8080 "
        + imageFor(name, plan.master().name()));
  }

  /** The service's view of the plan: shell assignments of checked names and addresses only. */
  static String serviceEnv(ClusterPlan plan, NodePlan node) {
    String address = node.ip(dev.dindcluster.net.IpFamily.IPV4).or(() -> node.ip(dev.dindcluster.net.IpFamily.IPV6))
        .map(Object::toString).orElseThrow();
    return "# Written by dind-cluster bake: the baked node, for dind-service.\n"
        + "DIND_SERVICE_NODE='" + node.name() + "'\n"
        + "DIND_SERVICE_NODES='" + plan.nodes().size() + "'\n"
        + "DIND_SERVICE_ADDRESS='" + address + "'\n"
        + "DIND_SERVICE_IP_MODE='" + plan.ipMode().knobValue + "'\n"
        + "DIND_SERVICE_CRI='" + plan.options().dindCri() + "'\n";
  }

  private static byte[] resource(String name) {
    try (var in = ClusterBake.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the library lacks its resource " + name);
      }
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Map<String, String> labels(ClusterPlan plan, NodePlan node, String bakeId) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(BAKED, FORMAT);
    labels.put(BAKED_NODE, node.name());
    labels.put(BAKED_ID, bakeId);
    labels.put(BAKED_PLAN, bakedPlan(plan));
    labels.put(BAKED_CRI, plan.options().dindCri());
    labels.put(ClusterLabels.BAKE_HELPER_OF, ""); // a container of the image is not a helper
    return labels;
  }

  /** The baked-in part of the plan, as JSON: compared whole, reported by key. */
  static String bakedPlan(ClusterPlan plan) {
    Map<String, Object> tree = PlanJson.tree(plan);
    Map<String, Object> baked = new LinkedHashMap<>();
    BAKED_PLAN_KEYS.stream().filter(tree::containsKey).forEach(k -> baked.put(k, tree.get(k)));
    return DataFormat.JSON.write(baked).strip();
  }

  /**
   * Before {@code up --from} creates anything: every node's baked image is here and was baked for
   * this very cluster, and the cluster has no volumes yet. Bad input throws {@link
   * IllegalArgumentException} (exit 2), an existing cluster {@link ClusterStateException} (exit 3).
   */
  public static void checkUnbake(ClusterPlan plan, NodeRuntime runtime, String name) {
    checkNames(plan, name);
    String masterImage = imageFor(name, plan.master().name());
    Map<String, String> baked = runtime.imageLabels(masterImage).orElseThrow(() -> new IllegalArgumentException(
        "--from '" + name + "': no image " + masterImage + " in the local engine (bake one, or docker load the saved images)"));
    if (!FORMAT.equals(baked.get(BAKED))) {
      throw new IllegalArgumentException("--from '" + name + "': " + masterImage + " is not a baked cluster of this version"
          + " (label " + BAKED + "=" + baked.get(BAKED) + ", want " + FORMAT + ")");
    }
    String want = bakedPlan(plan);
    if (!want.equals(baked.get(BAKED_PLAN))) {
      throw new IllegalArgumentException("--from '" + name + "' was baked with other settings: " + difference(baked.get(BAKED_PLAN), want)
          + "; a baked cluster keeps its identity, addresses and nodes (they are in its certificates and etcd): run with"
          + " the settings it was baked with (plan -o json shows them)");
    }
    if (!plan.options().dindCri().equals(baked.get(BAKED_CRI))) {
      throw new IllegalArgumentException("--from '" + name + "' was baked with DIND_CRI=" + baked.get(BAKED_CRI)
          + ", this run has DIND_CRI=" + plan.options().dindCri());
    }
    for (NodePlan node : plan.workers()) {
      Optional<Map<String, String>> labels = runtime.imageLabels(imageFor(name, node.name()));
      if (labels.isEmpty() || !node.name().equals(labels.get().get(BAKED_NODE))) {
        throw new IllegalArgumentException("--from '" + name + "': no baked image " + imageFor(name, node.name())
            + " for " + node.name() + " in the local engine");
      }
      if (!baked.get(BAKED_ID).equals(labels.get().get(BAKED_ID))) {
        throw new IllegalArgumentException("--from '" + name + "': " + imageFor(name, node.name()) + " and " + masterImage
            + " come from two different bakes (a cluster's nodes must come from one)");
      }
    }
    List<String> existing = plan.nodes().stream().map(NodePlan::volume).filter(v -> runtime.findVolume(v).isPresent()).toList();
    if (!existing.isEmpty()) {
      throw new ClusterStateException("cluster " + plan.label() + " already has volume(s) " + String.join(", ", existing)
          + ": 'up --from' starts only from the baked images; run 'clean' first (or 'up' to restore what is there)");
    }
  }

  /** The knob behind each baked-in part of the plan, for the error message. */
  private static final Map<String, String> KNOB_OF = Map.ofEntries(
      Map.entry("ipMode", "IP_MODE"), Map.entry("clusterId", "CLUSTER_ID"), Map.entry("label", "DIND_LABEL"),
      Map.entry("network", "MGMT_CIDRS or CLUSTER_ID"), Map.entry("nodes", "NUM_NODES and the node settings"),
      Map.entry("podNetworkCidrs", "POD_NETWORK_CIDR"), Map.entry("serviceCidr", "SERVICE_CIDR"),
      Map.entry("dnsServiceIp", "SERVICE_CIDR"), Map.entry("advertiseAddress", "MGMT_CIDRS or CLUSTER_ID"),
      Map.entry("image", "DIND_IMAGE"), Map.entry("kubernetesVersion", "the pinned script"),
      Map.entry("cniPlugin", "CNI_PLUGIN"), Map.entry("nat64", "the DNS64/NAT64 knobs"));

  /** Where the baked plan and this run's first differ, and how, naming the knob. */
  static String difference(String bakedJson, String wantJson) {
    try {
      var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
      var baked = mapper.readTree(bakedJson == null ? "{}" : bakedJson);
      var want = mapper.readTree(wantJson);
      for (String key : BAKED_PLAN_KEYS) {
        String found = difference(key, baked.get(key), want.get(key));
        if (found != null) {
          return found + " (" + KNOB_OF.getOrDefault(key, key) + ")";
        }
      }
      return "the plans differ";
    } catch (java.io.IOException e) {
      return "its plan label is unreadable";
    }
  }

  private static String difference(String path, com.fasterxml.jackson.databind.JsonNode baked,
      com.fasterxml.jackson.databind.JsonNode want) {
    if (baked == null ? want == null : baked.equals(want)) {
      return null;
    }
    if (baked != null && want != null && baked.isArray() && want.isArray()) {
      if (baked.size() != want.size()) {
        return path + " has " + baked.size() + " entries baked, " + want.size() + " in this run";
      }
      for (int i = 0; i < baked.size(); i++) {
        String found = difference(path + "[" + i + "]", baked.get(i), want.get(i));
        if (found != null) {
          return found;
        }
      }
    }
    if (baked != null && want != null && baked.isObject() && want.isObject()) {
      var names = new java.util.LinkedHashSet<String>();
      baked.fieldNames().forEachRemaining(names::add);
      want.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String found = difference(path + "." + name, baked.get(name), want.get(name));
        if (found != null) {
          return found;
        }
      }
    }
    return path + " was " + shorten(baked) + ", this run gives " + shorten(want);
  }

  private static String shorten(Object value) {
    String text = String.valueOf(value);
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }

  /** {@code up --from}: each baked tree unpacked onto a fresh volume, then the restore. */
  public static List<Action> unbake(ClusterSession session, String name) {
    ClusterPlan plan = session.plan();
    session.upDecision = new ClusterLifecycle.UpDecision(ClusterLifecycle.UpMode.RESTORE, "from the images baked as " + name, false);
    List<Action> actions = new ArrayList<>();
    actions.add(BringUp.checkSupported());
    actions.add(Action.of("Unpacking " + plan.nodes().size() + " baked volumes from " + name, s -> {
      checkUnbake(s.plan(), s.runtime(), name);
      Parallel.forEach(s.plan().nodes(), node -> {
        s.runtime().createVolume(node.volume(), ClusterLabels.volume(s.plan()));
        s.ledger().volume(node.volume());
        String helper = s.plan().naming().bakeHelperName(node.name(), "unbake", HexFormat.of().formatHex(randomBytes(4)));
        s.ledger().container(helper);
        try {
          s.runtime().run(helper(s, helper, imageFor(name, node.name())).mount(node.volume(), VOLUME_IN_HELPER).build());
          NodeOps.run(s.runtime(), helper, TAR_TIMEOUT, "sh", "-c", "tar " + TAR_OPTIONS + " -C " + VOLUME_IN_HELPER + " -xpf " + TAR);
        } finally {
          s.runtime().removeContainer(helper);
        }
      });
    }).waiting());
    actions.addAll(ClusterLifecycle.restore(plan));
    return actions;
  }

  /** A helper in a node image: the node's privileges (extended attributes, device files), no boot. */
  private static NodeSpec.Builder helper(ClusterSession s, String name, String image) {
    return NodeSpec.builder(name, image)
        .labels(ClusterLabels.bakeHelper(s.plan()))
        .security(s.engine().nodeSecurity())
        .entrypoint(WAIT);
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
