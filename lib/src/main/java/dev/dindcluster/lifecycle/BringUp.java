package dev.dindcluster.lifecycle;

import dev.dindcluster.k8s.ComponentImages;
import dev.dindcluster.k8s.KubernetesVersion;
import dev.dindcluster.k8s.VersionRules;
import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.kube.KubeWaits;
import dev.dindcluster.kube.KubeconfigEntry;
import dev.dindcluster.net.Cidr;
import dev.dindcluster.net.ClusterAddressing;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.NodePlan;
import dev.dindcluster.runtime.NetworkSpec;
import dev.dindcluster.runtime.PublishedPort;
import dev.dindcluster.runtime.Subnet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The steps shared by a cold bring-up and a restore, each small and named for progress. */
final class BringUp {
  private static final String KUBEADM_CONFIG = KubeadmFiles.CONFIG_PATH; // not /tmp: the engine cannot copy into a tmpfs mount;

  private BringUp() {}

  /** What the plan allows but this project cannot bring up here; refused before anything is created. */
  static Action checkSupported() {
    return Action.of("Checking the plan", s -> {
      // Every run that checks the plan talks to the API server once its nodes are up.
      s.warmUpKubeApi();
      ClusterPlan plan = s.plan();
      // Called only after kubeadm init; a missing one must stop the run before anything exists.
      PortForwarder.resolve(plan.options().portForwarder());
      for (String network : plan.options().customNetworks()) {
        if (s.runtime().findNetwork(network).isEmpty()) {
          throw new ClusterStateException("DIND_CUSTOM_NETWORKS names network '" + network + "', which does not exist;"
              + " create it first (docker network create " + network + ") or leave it out");
        }
      }
      if (!plan.cniPlugin().perNodeRoutes) {
        throw new IllegalArgumentException("CNI_PLUGIN='" + plan.cniPlugin().knobValue + "': its manifests come from the"
            + " internet, which clusters here cannot reach; use bridge or ptp (both work offline)");
      }
    });
  }

  /** The node image label naming the DNS add-on whose images it holds (absent: none, our own DNS). */
  static final String DNS_ADDON_LABEL = "dev.dindcluster.dns-addon";

  static Action checkImage() {
    return Action.of("Checking the node image", s -> {
      ClusterPlan plan = s.plan();
      var unsupported = VersionRules.unsupported(plan.version(), plan.options().dindCri(), s.engine().cgroupVersion());
      if (unsupported.isPresent()) {
        throw new ClusterStateException(unsupported.get());
      }
      var labels = s.runtime().imageLabels(plan.image());
      if (labels.isEmpty()) {
        var pull = plan.options().release().nodeImagePull(plan.image());
        if (pull.isPresent()) {
          NodeImageRegistry.pull(plan, pull.get(), s.runtime(), s.progress());
        } else {
          s.imageBuilder().build(plan, s.runtime(), s.progress());
        }
        labels = s.runtime().imageLabels(plan.image());
        if (labels.isEmpty()) {
          throw new LifecycleFailure("node image '" + plan.image() + "' is still missing after it was built");
        }
      }
      ContainerdCheck.check(plan, labels.get(), s.progress());
      String addon = labels.get().getOrDefault(DNS_ADDON_LABEL, "none");
      s.nodeImageLabels = labels.get();
      s.ownDns = ownDns(labels.get());
      s.progress().detail("cluster DNS: " + (s.ownDns ? "dind-cluster's own (the node image has no DNS add-on image)" : addon));
    });
  }

  static Action ensureNetwork() {
    return Action.of("Creating network", s -> {
      ClusterPlan plan = s.plan();
      List<Subnet> subnets = new ArrayList<>();
      for (int i = 0; i < plan.network().cidrs().size(); i++) {
        subnets.add(Subnet.withGateway(plan.network().cidrs().get(i).toString(), plan.network().gateways().get(i).toString()));
      }
      plan.nat64Plan().ifPresent(nat64 -> subnets.add(Subnet.withoutGateway(nat64.v4Subnet().toString())));
      boolean ipv6 = subnets.stream().anyMatch(Subnet::ipv6);
      var existing = s.runtime().findNetwork(plan.network().name());
      if (existing.isPresent()) {
        if (!ClusterLabels.belongsTo(existing.get().labels(), plan)) {
          throw new ClusterStateException("network '" + plan.network().name() + "' exists but is not labelled "
              + ClusterLabels.filter(plan) + ": it is not ours, so it is left alone; remove or rename it");
        }
        return;
      }
      if (s.runtime().createNetworkIfAbsent(new NetworkSpec(plan.network().name(), networkLabels(plan), subnets, ipv6))) {
        s.ledger().network(plan.network().name());
      }
    });
  }

  private static java.util.Map<String, String> networkLabels(ClusterPlan plan) {
    var labels = ClusterLabels.of(plan);
    labels.put(ClusterLabels.CLUSTER_ID, Integer.toString(plan.clusterId()));
    return labels;
  }

  /** Cold path: fresh volumes (stale ones of this cluster are replaced). */
  static Action freshVolumes() {
    return Action.of("Creating node volumes", s -> {
      for (NodePlan node : s.plan().nodes()) {
        if (s.runtime().findVolume(node.volume()).isPresent()) {
          s.runtime().removeVolume(node.volume());
        }
        s.runtime().createVolume(node.volume(), ClusterLabels.volume(s.plan()));
        s.ledger().volume(node.volume());
      }
    });
  }

  static Action startNodes(String title, List<NodePlan> nodes) {
    return startNodes(title, nodes, (s, node) -> {});
  }

  /**
   * A restore's node start: the master's volume already holds kubeadm's admin.conf, so its
   * credentials are read as soon as its container runs, while the nodes boot.
   */
  static Action restoreNodes(String title, List<NodePlan> nodes) {
    return startNodes(title, nodes, (s, node) -> {
      if (node.equals(s.plan().master())) {
        try {
          readAdminAccess(s);
        } catch (RuntimeException e) {
          // Read again by the kubeconfig step, after the snapshot check has named what is missing.
        }
      }
    });
  }

  /** Starts the nodes at once; {@code onceRunning} runs for each as soon as its container runs, before it has booted. */
  private static Action startNodes(String title, List<NodePlan> nodes,
      java.util.function.BiConsumer<ClusterSession, NodePlan> onceRunning) {
    return Action.of(title, s -> {
      var security = s.engine().nodeSecurity();
      Parallel.forEach(nodes, node -> {
        createAndStart(s, node, security);
        onceRunning.accept(s, node);
        NodeOps.waitBooted(s.runtime(), node.name());
      });
    });
  }

  private static void createAndStart(ClusterSession s, NodePlan node, dev.dindcluster.runtime.NodeSecurity security) {
    s.runtime().createContainer(NodeContainers.spec(s.plan(), node, security));
    s.ledger().container(node.name());
    // DIND_CUSTOM_NETWORKS: attached before the node boots, so it starts with every interface.
    for (String network : s.plan().options().customNetworks()) {
      s.runtime().connectNetwork(node.name(), network);
    }
    s.runtime().startContainer(node.name());
  }

  /**
   * Runs two actions at once and waits for both: the master's kubeadm init needs only the master,
   * so the workers boot meanwhile instead of competing with it beforehand.
   */
  static Action concurrently(String title, Action first, Action second) {
    return Action.of(title, s -> Parallel.forEach(List.of(first, second), action -> {
      try {
        action.execute(s);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new LifecycleFailure(action.title() + ": " + e.getMessage(), e);
      }
    }));
  }

  /** Two actions one after the other, as one. */
  static Action sequence(Action first, Action second) {
    return Action.of(first.title() + ", " + second.title(), s -> {
      first.execute(s);
      second.execute(s);
    });
  }

  static Action configurePodNetwork(List<NodePlan> nodes) {
    return Action.of("Configuring the pod network (" + "CNI, routes)", s -> Parallel.forEach(nodes, node -> {
      NodeOps.configurePodNetwork(s.plan(), s.runtime(), node);
      if (s.plan().cniPlugin().perNodeRoutes) {
        NodeOps.addPodRoutes(s.plan(), s.runtime(), node);
      }
    }));
  }

  static Action kubeadmInit(List<String> extraArgs) {
    return Action.of("kubeadm init", s -> {
      ClusterPlan plan = s.plan();
      NodePlan master = plan.master();
      writeInitConfig(s);
      List<String> command = new ArrayList<>(List.of("kubeadm", "init", "--config", KUBEADM_CONFIG));
      String skipped = initSkippedPhases(plan.version(), s.ownDns);
      if (!skipped.isEmpty()) {
        command.add("--skip-phases=" + skipped);
      }
      // The preflight image check would try to pull the images preloaded under their names.
      command.add(VersionRules.ignorePreflightFlag(plan.version()));
      command.addAll(extraArgs);
      NodeOps.run(s.runtime(), master.name(), Duration.ofMinutes(6), command.toArray(String[]::new));
      s.caCertHash = CaCertHash.of(NodeOps.readText(s.runtime(), master.name(), "/etc/kubernetes/pki/ca.crt"));
    });
  }

  /** The cluster's bootstrap token and kubeadm's configuration on the master, once per run. */
  private static void writeInitConfig(ClusterSession s) {
    if (s.bootstrapToken != null) {
      return; // written while the master booted
    }
    NodePlan master = s.plan().master();
    s.bootstrapToken = BootstrapToken.generate(s.random());
    String config = KubeadmConfig.init(KubeadmFiles.initInputs(s.plan(), s.bootstrapToken));
    s.runtime().writeFile(master.name(), KUBEADM_CONFIG, config.getBytes(StandardCharsets.UTF_8), 0600);
    writeLegacyKubeletDefaults(s, master);
  }

  /**
   * The master's container started, and while it boots (systemd, the inner runtime, the component
   * images' load: seconds of mostly waiting) kubeadm makes the cluster's certificates and
   * kubeconfig files, which need nothing but its configuration; kubeadm init then finds and checks
   * them instead of making them (3.5–4.5 s of key generation measured on 2 cores). Only without extra init
   * arguments, which could change what those files must hold.
   */
  static Action startMasterMakingInitFiles(List<String> initArgs) {
    return Action.of("Starting the master", s -> {
      NodePlan master = s.plan().master();
      createAndStart(s, master, s.engine().nodeSecurity());
      Runnable boot = () -> NodeOps.waitBooted(s.runtime(), master.name());
      if (!initArgs.isEmpty() || !VersionRules.canSkipPhases(s.plan().version())) {
        boot.run();
        return;
      }
      Runnable initFiles = () -> {
        writeInitConfig(s);
        for (String phase : List.of("certs", "kubeconfig")) {
          NodeOps.run(s.runtime(), master.name(), Duration.ofMinutes(2),
              "kubeadm", "init", "phase", phase, "all", "--config", KUBEADM_CONFIG);
        }
        // kubeadm init keeps this admin.conf (it refuses one that does not match its configuration),
        // so its credentials can be read now, while the master boots, instead of after init.
        readAdminAccess(s);
      };
      Parallel.forEach(List.of(boot, initFiles), Runnable::run);
    });
  }

  /** kubeadm before 1.11 configures no kubelet: its flags go to /etc/default/kubelet first. */
  private static void writeLegacyKubeletDefaults(ClusterSession s, NodePlan node) {
    ClusterPlan plan = s.plan();
    KubeadmFiles.legacyKubeletDefaults(plan, node).ifPresent(defaults -> s.runtime().writeFile(node.name(), "/etc/default/kubelet",
            defaults.getBytes(StandardCharsets.UTF_8), 0644));
  }

  /**
   * kubeadm's preflight phase is skipped wherever phases exist: every check it runs is ignored anyway
   * (--ignore-preflight-errors=all), the images are preloaded, and it costs seconds on 2 cores while
   * trying to pull the DNS add-on image the node image lacks (a name lookup sent to the host's
   * resolver). With a remote CRI runtime, kubeadm 1.20's preflight even fails without crictl
   * (cri-tools, not packaged by Debian), whatever the ignore list says.
   */
  static String initSkippedPhases(KubernetesVersion version, boolean ownDns) {
    if (!VersionRules.canSkipPhases(version)) {
      return "";
    }
    List<String> phases = new ArrayList<>();
    phases.add("preflight");
    if (ownDns) {
      // The node image has no DNS add-on image (no registry gave one): our own DNS replaces it.
      phases.add("addon/coredns");
    }
    return String.join(",", phases);
  }

  /** The API access of this run (unless read while the master booted): kubeadm's admin.conf, at the published port. */
  static Action writeKubeconfig() {
    return Action.of("Writing kubeconfig", s -> {
      ClusterPlan plan = s.plan();
      if (s.adminAccess == null) {
        readAdminAccess(s);
      }
      KubeconfigEntry entry = s.adminAccess;
      s.kubeconfigs().merge(entry, plan.useContext());
      s.progress().detail("context " + plan.context() + " in " + s.kubeconfigs().path() + " -> " + entry.server());
      PortForwarder.call(plan.options().portForwarder(), s.apiServerPort);
    });
  }

  /** kubeadm's admin credentials on the master, reached at the API server port published on the host. */
  private static void readAdminAccess(ClusterSession s) {
    ClusterPlan plan = s.plan();
    PublishedPort port = s.runtime().publishedPort(plan.master().name(), ClusterAddressing.INTERNAL_APISERVER_PORT)
        .orElseThrow(() -> new LifecycleFailure("the API server port of " + plan.master().name() + " is not published"));
    s.apiServerPort = port.hostPort();
    s.adminAccess = ApiAccess.adminEntry(plan, s.runtime(), s.kubeconfigs(), port.hostPort());
  }

  /**
   * Before the joins: kubeadm join's token discovery needs the token's signature in cluster-info,
   * which kube-controller-manager adds a moment after kubeadm init made the token; a join that
   * finds it missing waits 5 s before it looks again. Polling for it here is much finer.
   */
  static Action awaitJoinTokenSigned() {
    return Action.of("Waiting for the join token's signature", s -> {
      try (KubeApi api = s.kubeApi()) {
        new KubeWaits(s.clock(), s.sleeper(), Duration.ofMillis(100))
            .untilTokenSigned(api, BootstrapToken.id(s.bootstrapToken), Duration.ofMinutes(2));
      }
    });
  }

  /**
   * Before the joins: each worker's kubelet client certificate, issued on the master and put where
   * kubelet's TLS bootstrap would leave it, so that kubeadm join finds it at once (see {@link
   * KubeletCredentials}). Before 1.14 kubeadm cannot issue it this way: those joins bootstrap.
   */
  static Action issueKubeletCertificates(List<NodePlan> workers) {
    return Action.of("Issuing the workers' kubelet certificates", s -> {
      if (!VersionRules.canIssueKubeletConfig(s.plan().version())) {
        s.progress().detail("kubeadm " + s.plan().version() + " cannot issue them this way: each kubelet bootstraps its own");
        return;
      }
      String master = s.plan().master().name();
      Parallel.forEach(workers, node -> {
        KubeconfigEntry entry;
        try {
          String issued = NodeOps.run(s.runtime(), master, Duration.ofMinutes(1),
              KubeletCredentials.issueCommand(KUBEADM_CONFIG, node.name()).toArray(String[]::new)).stdout();
          entry = s.kubeconfigs().entryFrom(issued, node.name());
        } catch (RuntimeException e) {
          // Only slower: the join then bootstraps the certificate through kubelet. (The message is
          // redacted like all command output: it never carries the key.)
          s.progress().detail("no kubelet certificate issued for " + node.name() + ", its kubelet bootstraps one: "
              + e.getMessage());
          return;
        }
        String pemName = KubeletCredentials.pemName(s.clock().instant());
        NodeOps.run(s.runtime(), node.name(), Duration.ofSeconds(20), "mkdir", "-p", KubeletCredentials.PKI_DIR);
        s.runtime().writeFile(node.name(), KubeletCredentials.PKI_DIR + "/" + pemName, KubeletCredentials.pem(entry), 0600);
        s.runtime().writeFile(node.name(), KubeletCredentials.STAGED_CONF,
            KubeletCredentials.kubeletConf(entry).getBytes(StandardCharsets.UTF_8), 0600);
        NodeOps.run(s.runtime(), node.name(), Duration.ofSeconds(20),
            KubeletCredentials.installCommand(pemName).toArray(String[]::new));
      });
    });
  }

  static Action joinWorkers(List<NodePlan> workers, List<String> extraArgs) {
    return Action.of("kubeadm join (" + workers.size() + " in parallel)", s -> Parallel.forEach(workers, node -> {
      ClusterPlan plan = s.plan();
      String config = KubeadmConfig.join(KubeadmFiles.joinInputs(plan, node, s.bootstrapToken, s.caCertHash));
      s.runtime().writeFile(node.name(), KUBEADM_CONFIG, config.getBytes(StandardCharsets.UTF_8), 0600);
      writeLegacyKubeletDefaults(s, node);
      List<String> command = new ArrayList<>(List.of("kubeadm", "join", "--config", KUBEADM_CONFIG,
          VersionRules.ignorePreflightFlag(plan.version())));
      if (plan.version().atLeast(VersionRules.JOIN_PHASES)) {
        command.add("--skip-phases=preflight"); // as for init: every check is ignored anyway
      }
      command.addAll(extraArgs);
      NodeOps.run(s.runtime(), node.name(), Duration.ofMinutes(5), command.toArray(String[]::new));
    }));
  }

  static Action deployDns() {
    return Action.of("Deploying cluster DNS", s -> {
      if (!s.ownDns) {
        s.progress().detail("kubeadm deployed its DNS add-on from the node image");
        return;
      }
      s.progress().detail("dind-cluster's own DNS server, offline, in place of the add-on");
      String manifest;
      try (InputStream in = BringUp.class.getResourceAsStream("cluster-dns.yaml")) {
        manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new LifecycleFailure("the cluster DNS manifest is missing from the library", e);
      }
      manifest = manifest.replace("__DNS_SERVICE_IP__", s.plan().dnsServiceIp().toString())
          .replace("__API_SERVER_HOST__", s.plan().advertiseAddress().toString())
          .replace("__API_SERVER_PORT__", Integer.toString(ClusterAddressing.INTERNAL_APISERVER_PORT));
      try (KubeApi api = s.kubeApi()) {
        new KubeWaits(s.clock(), s.sleeper(), Duration.ofSeconds(1)).untilReadyz(api, Duration.ofMinutes(2));
        api.apply(manifest);
      }
    });
  }

  static Action waitReady() {
    return Action.of("Waiting for the API server, every node and cluster DNS to be Ready", s -> {
      try (KubeApi api = s.kubeApi()) {
        KubeWaits waits = new KubeWaits(s.clock(), s.sleeper(), Duration.ofMillis(500));
        Instant begun = s.clock().instant();
        waits.untilReadyz(api, s.options().readyTimeout());
        waitedFor(s, "the API server", begun);
        // Reported since this run began: a restore starts from the statuses stored before `down`.
        waits.untilNodesReady(api, s.plan().nodes().size(), s.startedAt(), s.options().readyTimeout());
        waitedFor(s, s.plan().nodes().size() + " nodes", begun);
        // Cluster DNS is part of a usable cluster; a failure here names the pod's phase.
        waits.untilPodReady(api, "kube-system", dnsPodPrefix(s), s.startedAt(), s.options().readyTimeout());
        waitedFor(s, "cluster DNS", begun);
      }
    });
  }

  /** With -v, where the wait's time went (the largest part of a restore). */
  private static void waitedFor(ClusterSession s, String what, Instant begun) {
    s.progress().detail(String.format("%s ready %.1f s into the wait", what,
        Duration.between(begun, s.clock().instant()).toMillis() / 1000.0));
  }

  private static String dnsPodPrefix(ClusterSession s) {
    return dnsPodPrefix(s.plan().version(), s.ownDns);
  }

  /** Whether the cluster runs dind-cluster's own DNS: the node image (its labels) has no DNS add-on image. */
  static boolean ownDns(java.util.Map<String, String> imageLabels) {
    return imageLabels.getOrDefault(DNS_ADDON_LABEL, "none").equals("none");
  }

  /** The name prefix of the cluster DNS pods to wait for. */
  static String dnsPodPrefix(KubernetesVersion version, boolean ownDns) {
    return ownDns ? "cluster-dns-" : ComponentImages.dnsAddonName(version) + "-";
  }

  static Action markSnapshot() {
    return Action.of("Marking the snapshot on the node volumes", s -> {
      // Written through the engine's archive call, not an exec: its directory holds /etc/kubernetes.
      byte[] madeAt = (s.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\n")
          .getBytes(StandardCharsets.UTF_8);
      Parallel.forEach(s.plan().nodes(), node -> s.runtime().writeFile(node.name(), NodeOps.SNAPSHOT_MARKER, madeAt, 0644));
    });
  }

  /**
   * A snapshot holds kubelet's flags and images for one runtime: restoring it with another DIND_CRI
   * would start nodes whose kubelet talks to a runtime that has none of its containers. Volumes
   * made before the label existed were docker's.
   */
  static Action checkSnapshotRuntime() {
    return Action.of("Checking the snapshot's runtime", s -> {
      String wanted = s.plan().options().dindCri();
      for (NodePlan node : s.plan().nodes()) {
        String made = s.runtime().findVolume(node.volume())
            .map(v -> v.labels().getOrDefault(ClusterLabels.CRI, "docker")).orElse(wanted);
        if (!made.equals(wanted)) {
          throw new ClusterStateException("the node volumes of cluster '" + s.plan().label() + "' were set up with DIND_CRI="
              + made + ", not '" + wanted + "': restore them with DIND_CRI=" + made + ", or run 'clean' first for a new cluster on "
              + wanted);
        }
      }
    });
  }

  static Action checkSnapshot() {
    return Action.of("Checking the snapshot", s -> {
      var result = s.runtime().exec(s.plan().master().name(), "test", "-f", NodeOps.SNAPSHOT_MARKER);
      if (!result.ok()) {
        throw new ClusterStateException("the volumes of cluster '" + s.plan().label() + "' hold no complete snapshot"
            + " (an earlier bring-up did not finish): run 'clean', then 'up'");
      }
    });
  }
}
