package dev.dindcluster.lifecycle;

import dev.dindcluster.k8s.KubeadmApi;
import dev.dindcluster.k8s.KubernetesVersion;
import dev.dindcluster.k8s.VersionRules;
import dev.dindcluster.net.ClusterAddressing;
import dev.dindcluster.plan.Taint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders kubeadm's configuration files for the version's kubeadm API ({@link KubeadmApi}), from
 * plain inputs, as YAML trees dumped by SnakeYAML. Why these settings: nodes share one disk and
 * cannot pull, so eviction and image GC are off; one master needs no leader election (a restart
 * would wait ~24 s for the old lease); conntrack limits cannot be written inside a container.
 */
public final class KubeadmConfig {
  private KubeadmConfig() {}

  /** What kubeadm init needs to know. */
  public record Init(
      KubernetesVersion version,
      String imageRepository,
      String nodeName,
      String advertiseAddress,
      List<String> nodeIps,
      String bootstrapToken,
      List<String> certSans,
      String serviceCidr,
      List<String> podNetworkCidrs,
      boolean allocateNodeCidrs,
      String dnsServiceIp,
      boolean masterSchedulable,
      boolean dualStack,
      Map<String, String> apiServerExtraArgs,
      Map<String, String> controllerManagerExtraArgs,
      Map<String, String> schedulerExtraArgs,
      String featureGates,
      String kubeletFeatureGates,
      String criSocket,
      Map<String, String> nodeLabels,
      List<Taint> nodeTaints) {}

  /** What kubeadm join needs to know. */
  public record Join(
      KubernetesVersion version,
      String nodeName,
      List<String> nodeIps,
      String apiServerEndpoint,
      String bootstrapToken,
      String caCertHash,
      String criSocket,
      Map<String, String> nodeLabels,
      List<Taint> nodeTaints) {}

  /** kubelet's built-in Docker shim (DIND_CRI=docker); any other socket is a remote CRI runtime. */
  public static final String DOCKERSHIM_SOCKET = "/var/run/dockershim.sock";
  public static final String CLUSTER_DOMAIN = "cluster.local";

  /** True when kubelet talks to a remote CRI runtime (containerd) rather than its own dockershim. */
  public static boolean remoteRuntime(String criSocket) {
    return !DOCKERSHIM_SOCKET.equals(criSocket);
  }

  public static String init(Init in) {
    KubeadmApi api = KubeadmApi.forVersion(in.version());
    List<Map<String, Object>> docs = new ArrayList<>();
    if (api.masterNodeKinds()) {
      docs.add(masterConfiguration(api, in));
    } else {
      docs.add(initConfiguration(api, in));
      docs.add(clusterConfiguration(api, in));
      docs.add(kubeletConfiguration(in));
      docs.add(kubeProxyConfiguration(in));
    }
    return dump(docs);
  }

  public static String join(Join in) {
    KubeadmApi api = KubeadmApi.forVersion(in.version());
    Map<String, Object> doc = header(api, api.masterNodeKinds() ? "NodeConfiguration" : "JoinConfiguration");
    if (api.compareTo(KubeadmApi.V1BETA1) >= 0) {
      Map<String, Object> token = new LinkedHashMap<>();
      token.put("apiServerEndpoint", in.apiServerEndpoint());
      token.put("token", in.bootstrapToken());
      token.put("caCertHashes", List.of(in.caCertHash()));
      doc.put("discovery", Map.of("bootstrapToken", token));
    } else {
      doc.put("discoveryTokenAPIServers", List.of(in.apiServerEndpoint()));
      doc.put("token", in.bootstrapToken());
      doc.put("discoveryTokenCACertHashes", List.of(in.caCertHash()));
    }
    if (api == KubeadmApi.V1ALPHA1) {
      doc.put("nodeName", in.nodeName());
      doc.put("criSocket", in.criSocket());
    } else {
      doc.put("nodeRegistration", nodeRegistration(api, in.version(), in.nodeName(), in.nodeIps(), in.criSocket(), false, true,
          in.nodeLabels(), in.nodeTaints()));
    }
    return dump(List.of(doc));
  }

  /**
   * kubeadm before 1.11 writes no kubelet configuration: the kubelet's flags (what later versions
   * keep in /var/lib/kubelet/config.yaml and kubeadm-flags.env) go into /etc/default/kubelet,
   * which the node's kubelet drop-in reads last. Empty for 1.11 and later.
   */
  public static Optional<String> legacyKubeletDefaults(KubernetesVersion version, List<String> nodeIps,
      String dnsServiceIp, String pauseImage, Map<String, String> nodeLabels, List<Taint> nodeTaints) {
    if (version.atLeast(VersionRules.CONFIG_IMAGES_LIST)) {
      return Optional.empty();
    }
    List<String> flags = new ArrayList<>(List.of(
        "--pod-manifest-path=/etc/kubernetes/manifests", "--allow-privileged=true",
        "--network-plugin=cni", "--cni-conf-dir=/etc/cni/net.d", "--cni-bin-dir=/opt/cni/bin",
        "--cluster-dns=" + dnsServiceIp, "--cluster-domain=" + CLUSTER_DOMAIN,
        "--authorization-mode=Webhook", "--client-ca-file=/etc/kubernetes/pki/ca.crt",
        "--cadvisor-port=0", "--rotate-certificates=true", "--cert-dir=/var/lib/kubelet/pki",
        "--cgroup-driver=cgroupfs", "--fail-swap-on=false", "--node-ip=" + String.join(",", nodeIps),
        "--pod-infra-container-image=" + pauseImage,
        "--eviction-hard=memory.available<0%,nodefs.available<0%,nodefs.inodesFree<0%,imagefs.available<0%",
        "--image-gc-high-threshold=100", "--image-gc-low-threshold=99", "--oom-score-adj=0"));
    if (!nodeLabels.isEmpty()) {
      flags.add("--node-labels=" + nodeLabelsFlag(nodeLabels));
    }
    if (!nodeTaints.isEmpty()) {
      // These kubeadms taint the master through the API after init, so only the asked-for ones here.
      flags.add("--register-with-taints=" + nodeTaints.stream().map(Taint::toString).collect(java.util.stream.Collectors.joining(",")));
    }
    // The drop-in's --config=/var/lib/kubelet/config.yaml names a file these kubeadms never write.
    return Optional.of("KUBELET_CONFIG_ARGS=\nKUBELET_EXTRA_ARGS=" + String.join(" ", flags) + "\n");
  }

  // ---- kubeadm documents ----

  private static Map<String, Object> masterConfiguration(KubeadmApi api, Init in) {
    Map<String, Object> doc = header(api, "MasterConfiguration");
    doc.put("api", apiEndpoint(in.advertiseAddress()));
    if (api == KubeadmApi.V1ALPHA1) {
      doc.put("nodeName", in.nodeName());
      doc.put("criSocket", in.criSocket());
      doc.put("token", in.bootstrapToken());
      doc.put("tokenTTL", "24h0m0s");
      if (in.masterSchedulable() && in.version().atLeast(10)) {
        doc.put("noTaintMaster", true);
      }
    } else {
      doc.put("bootstrapTokens", bootstrapTokens(in));
      doc.put("nodeRegistration", nodeRegistration(api, in.version(), in.nodeName(), in.nodeIps(), in.criSocket(), true,
        in.masterSchedulable(), in.nodeLabels(), in.nodeTaints()));
    }
    clusterFields(api, in, doc);
    doc.put("apiServerCertSANs", in.certSans());
    putIfAny(doc, "apiServerExtraArgs", withGates(in.apiServerExtraArgs(), in));
    putIfAny(doc, "controllerManagerExtraArgs", withGates(single(withClientRate(in.controllerManagerExtraArgs())), in));
    putIfAny(doc, "schedulerExtraArgs", withGates(single(in.schedulerExtraArgs()), in));
    doc.put("etcd", api == KubeadmApi.V1ALPHA1 ? component(api, ETCD_ARGS) : Map.of("local", component(api, ETCD_ARGS)));
    if (in.version().atLeast(9)) {
      doc.put("kubeProxy", Map.of("config", kubeProxyFields(in)));
    }
    if (api == KubeadmApi.V1ALPHA2) {
      doc.put("kubeletConfiguration", Map.of("baseConfig", kubeletFields(in)));
    }
    return doc;
  }

  private static Map<String, Object> initConfiguration(KubeadmApi api, Init in) {
    Map<String, Object> doc = header(api, "InitConfiguration");
    doc.put("bootstrapTokens", bootstrapTokens(in));
    doc.put("nodeRegistration", nodeRegistration(api, in.version(), in.nodeName(), in.nodeIps(), in.criSocket(), true,
        in.masterSchedulable(), in.nodeLabels(), in.nodeTaints()));
    doc.put(api == KubeadmApi.V1ALPHA3 ? "apiEndpoint" : "localAPIEndpoint", apiEndpoint(in.advertiseAddress()));
    return doc;
  }

  private static Map<String, Object> clusterConfiguration(KubeadmApi api, Init in) {
    Map<String, Object> doc = header(api, "ClusterConfiguration");
    clusterFields(api, in, doc);
    doc.put("controlPlaneEndpoint", hostPort(in.advertiseAddress(), ClusterAddressing.INTERNAL_APISERVER_PORT));
    doc.put("etcd", Map.of("local", component(api, ETCD_ARGS)));
    if (api == KubeadmApi.V1ALPHA3) {
      doc.put("apiServerCertSANs", in.certSans());
      putIfAny(doc, "apiServerExtraArgs", withGates(in.apiServerExtraArgs(), in));
      putIfAny(doc, "controllerManagerExtraArgs", withGates(single(withClientRate(in.controllerManagerExtraArgs())), in));
      putIfAny(doc, "schedulerExtraArgs", withGates(single(in.schedulerExtraArgs()), in));
      return doc;
    }
    Map<String, Object> apiServer = new LinkedHashMap<>();
    apiServer.put("certSANs", in.certSans());
    putIfAny(apiServer, "extraArgs", extraArgs(api, withGates(in.apiServerExtraArgs(), in)));
    doc.put("apiServer", apiServer);
    doc.put("controllerManager", component(api, withGates(single(withClientRate(in.controllerManagerExtraArgs())), in)));
    doc.put("scheduler", component(api, withGates(single(in.schedulerExtraArgs()), in)));
    return doc;
  }

  /** The fields MasterConfiguration and ClusterConfiguration share. */
  private static void clusterFields(KubeadmApi api, Init in, Map<String, Object> doc) {
    doc.put("kubernetesVersion", in.version().toString());
    doc.put("imageRepository", in.imageRepository());
    Map<String, Object> networking = new LinkedHashMap<>();
    networking.put("serviceSubnet", in.serviceCidr());
    if (in.allocateNodeCidrs()) {
      networking.put("podSubnet", String.join(",", in.podNetworkCidrs()));
    }
    networking.put("dnsDomain", CLUSTER_DOMAIN);
    doc.put("networking", networking);
    if (in.dualStack() && VersionRules.needsDualStackGate(in.version())) {
      doc.put("featureGates", Map.of("IPv6DualStack", true));
    }
  }

  static final String NODE_STATUS_UPDATE_FREQUENCY = "2s";
  /** kubelet's periodic pod sync where a passed startup probe waits for it (see VersionRules). */
  static final String SYNC_FREQUENCY_BEFORE_PROBE_SYNC = "10s";

  private static Map<String, Object> kubeletConfiguration(Init in) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "kubelet.config.k8s.io/v1beta1");
    doc.put("kind", "KubeletConfiguration");
    doc.putAll(kubeletFields(in));
    return doc;
  }

  private static Map<String, Object> kubeletFields(Init in) {
    KubernetesVersion version = in.version();
    String dnsServiceIp = in.dnsServiceIp();
    boolean dualStack = in.dualStack();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("cgroupDriver", "cgroupfs");
    doc.put("failSwapOn", false);
    doc.put("clusterDNS", List.of(dnsServiceIp));
    doc.put("clusterDomain", CLUSTER_DOMAIN);
    // Nodes share the host's disk and cannot pull images back: never evict, never GC images.
    Map<String, Object> eviction = new LinkedHashMap<>();
    for (String signal : List.of("memory.available", "nodefs.available", "nodefs.inodesFree", "imagefs.available")) {
      eviction.put(signal, "0%");
    }
    doc.put("evictionHard", eviction);
    doc.put("imageGCHighThresholdPercent", 100);
    doc.put("imageGCLowThresholdPercent", 99);
    // Restricted hosts cannot lower oom_score_adj; 0 keeps kubelet from logging that it failed.
    doc.put("oomScoreAdj", 0);
    if (version.atLeast(VersionRules.NODE_LEASE_DEFAULT)) {
      // kubelet registers its node NotReady and says Ready only at its next status update, 10 s
      // later by default; every 2 s here (a GET of its node each time). With the node lease the
      // status is still written only when it changes or every 5 minutes (setting the update
      // frequency alone would make that every 2 s too); without the lease (1.13) it would be.
      doc.put("nodeStatusUpdateFrequency", NODE_STATUS_UPDATE_FREQUENCY);
      doc.put("nodeStatusReportFrequency", "5m0s");
    }
    if (VersionRules.startupProbeWaitsForPeriodicSync(version)) {
      // Measured on 1.20: the control plane's pods said Ready 75-100 s after up (cold or restored),
      // though their startup probes passed within 20 s; with this, 30 s. A pod sync per pod every
      // 10 s is little work for a node's handful of pods.
      doc.put("syncFrequency", SYNC_FREQUENCY_BEFORE_PROBE_SYNC);
    }
    if (version.atLeast(VersionRules.FAIL_CGROUP_V1_FIELD)) {
      // From 1.35 kubelet refuses cgroup v1 hosts by default; nodes share the host's hierarchy.
      doc.put("failCgroupV1", false);
    }
    // KUBELET_FEATURE_GATES, plus the dual-stack gate where the version needs it.
    Map<String, Object> gates = gateMap(in.kubeletFeatureGates());
    if (dualStack && VersionRules.needsDualStackGate(version)) {
      gates.putIfAbsent("IPv6DualStack", true);
    }
    if (!gates.isEmpty()) {
      doc.put("featureGates", gates);
    }
    return doc;
  }

  /** "A=true,B=false" (validated when planned) as a map; "none" or null as none. */
  private static Map<String, Object> gateMap(String gates) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (gates == null || gates.isEmpty() || gates.equals("none")) {
      return map;
    }
    for (String gate : gates.split(",")) {
      String[] kv = gate.split("=", 2);
      map.put(kv[0].strip(), Boolean.parseBoolean(kv[1].strip()));
    }
    return map;
  }

  private static Map<String, Object> kubeProxyConfiguration(Init in) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "kubeproxy.config.k8s.io/v1alpha1");
    doc.put("kind", "KubeProxyConfiguration");
    doc.putAll(kubeProxyFields(in));
    return doc;
  }

  private static Map<String, Object> kubeProxyFields(Init in) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("mode", "iptables");
    doc.put("clusterCIDR", String.join(",", in.podNetworkCidrs()));
    // nf_conntrack_max is not writable from inside a container: leave the host's value alone.
    doc.put("conntrack", Map.of("maxPerCore", 0));
    if (in.dualStack() && VersionRules.needsDualStackGate(in.version())) {
      doc.put("featureGates", Map.of("IPv6DualStack", true));
    }
    return doc;
  }

  private static List<Map<String, Object>> bootstrapTokens(Init in) {
    Map<String, Object> token = new LinkedHashMap<>();
    token.put("token", in.bootstrapToken());
    token.put("ttl", "24h0m0s");
    token.put("groups", List.of("system:bootstrappers:kubeadm:default-node-token"));
    token.put("usages", List.of("signing", "authentication"));
    return List.of(token);
  }

  private static Map<String, Object> apiEndpoint(String advertiseAddress) {
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("advertiseAddress", advertiseAddress);
    endpoint.put("bindPort", ClusterAddressing.INTERNAL_APISERVER_PORT);
    return endpoint;
  }

  private static Map<String, Object> nodeRegistration(KubeadmApi api, KubernetesVersion version, String name,
      List<String> ips, String criSocket, boolean master, boolean schedulable, Map<String, String> labels, List<Taint> taints) {
    Map<String, Object> registration = new LinkedHashMap<>();
    registration.put("name", name);
    // kubeadm 1.24+ wants the socket as a URL and warns about a bare path.
    registration.put("criSocket", version.atLeast(VersionRules.DOCKERSHIM_REMOVED) ? "unix://" + criSocket : criSocket);
    Map<String, String> kubelet = new LinkedHashMap<>();
    kubelet.put("node-ip", String.join(",", ips));
    if (remoteRuntime(criSocket) && !version.atLeast(VersionRules.DOCKERSHIM_REMOVED)) {
      // Before 1.24 kubelet defaults to its dockershim; saying the remote runtime here keeps it
      // visible in the config we write (kubelet 1.27 removed --container-runtime; kubeadm 1.24+
      // derives the endpoint from criSocket).
      kubelet.put("container-runtime", "remote");
      kubelet.put("container-runtime-endpoint", "unix://" + criSocket);
    }
    if (!labels.isEmpty()) {
      // Registered by kubelet itself when the node joins (zones, DIND_NODE_LABELS).
      kubelet.put("node-labels", nodeLabelsFlag(labels));
    }
    registration.put("kubeletExtraArgs", extraArgs(api, kubelet));
    if (schedulable) {
      // A worker, or a master without workers, which must run pods (the original removed the taint
      // for NUM_NODES=0): only the taints asked for.
      registration.put("taints", taints.stream().map(KubeadmConfig::taint).toList());
    } else if (!taints.isEmpty()) {
      // Taints given to kubeadm replace its default, so the master keeps its own explicitly.
      List<Map<String, Object>> all = new ArrayList<>();
      masterTaintKeys(version).forEach(key -> all.add(taint(new Taint(key, "", "NoSchedule"))));
      taints.forEach(t -> all.add(taint(t)));
      registration.put("taints", all);
    }
    return registration;
  }

  /** The taints kubeadm puts on a control-plane node: "master" until 1.24, both in 1.24, then "control-plane". */
  static List<String> masterTaintKeys(KubernetesVersion version) {
    if (!version.atLeast(VersionRules.DOCKERSHIM_REMOVED)) {
      return List.of("node-role.kubernetes.io/master");
    }
    return version.atLeast(VersionRules.DOCKERSHIM_REMOVED + 1)
        ? List.of("node-role.kubernetes.io/control-plane")
        : List.of("node-role.kubernetes.io/master", "node-role.kubernetes.io/control-plane");
  }

  private static Map<String, Object> taint(Taint t) {
    Map<String, Object> taint = new LinkedHashMap<>();
    taint.put("key", t.key());
    if (!t.value().isEmpty()) {
      taint.put("value", t.value());
    }
    taint.put("effect", t.effect());
    return taint;
  }

  private static String nodeLabelsFlag(Map<String, String> labels) {
    return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(","));
  }

  private static Map<String, Object> component(KubeadmApi api, Map<String, String> args) {
    Map<String, Object> component = new LinkedHashMap<>();
    putIfAny(component, "extraArgs", extraArgs(api, args));
    return component;
  }

  /**
   * etcd's election timeout is 1 s by default: its one member, started by every bring-up and every restore,
   * waits a random 1-2 s before it elects itself and serves (seen in its log: 1.26 and 1.3 s of a ~1.5-s
   * start). 500 ms is the least etcd accepts with its 100-ms heartbeat (five heartbeats); a single member
   * has no peer whose silence a shorter timeout could misread.
   */
  static final Map<String, String> ETCD_ARGS = Map.of("election-timeout", "500");

  /** v1beta4 turned extra-argument maps into lists of name/value pairs (so a flag can repeat). */
  private static Object extraArgs(KubeadmApi api, Map<String, String> args) {
    if (api != KubeadmApi.V1BETA4) {
      return args;
    }
    List<Map<String, String>> list = new ArrayList<>();
    args.forEach((name, value) -> {
      Map<String, String> arg = new LinkedHashMap<>();
      arg.put("name", name);
      arg.put("value", value);
      list.add(arg);
    });
    return list;
  }

  /**
   * kube-controller-manager's API client allows 20 requests/s by default, and at start-up each of
   * its ~40 controllers makes a few calls through it (its service account and token): on a fresh
   * cluster their start spreads over ~8 s on 2 cores, holding back the bootstrap signer (joins wait
   * for it), the certificate signers and the deployment controllers (cluster DNS). At 100/s
   * (burst 200) they start in ~1.5 s. CONTROLLER_MANAGER_kube_api_qps and _burst override it.
   */
  private static Map<String, String> withClientRate(Map<String, String> args) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("kube-api-qps", "100");
    all.put("kube-api-burst", "200");
    all.putAll(args);
    return all;
  }

  /** One master needs no leader election (a restart would wait for the old lease). */
  private static Map<String, String> single(Map<String, String> args) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("leader-elect", "false");
    all.putAll(args);
    return all;
  }

  private static Map<String, String> withGates(Map<String, String> args, Init in) {
    Map<String, String> all = new LinkedHashMap<>(args);
    String gates = "none".equals(in.featureGates()) || in.featureGates() == null ? "" : in.featureGates();
    if (in.dualStack() && VersionRules.needsDualStackGate(in.version())) {
      gates = gates.isEmpty() ? "IPv6DualStack=true" : gates + ",IPv6DualStack=true";
    }
    if (!gates.isEmpty()) {
      all.putIfAbsent("feature-gates", gates);
    }
    return all;
  }

  private static void putIfAny(Map<String, Object> doc, String key, Object value) {
    boolean empty = value instanceof Map<?, ?> m ? m.isEmpty() : value instanceof List<?> l && l.isEmpty();
    if (!empty) {
      doc.put(key, value);
    }
  }

  private static Map<String, Object> header(KubeadmApi api, String kind) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", api.apiVersion());
    doc.put("kind", kind);
    return doc;
  }

  static String dump(List<Map<String, Object>> docs) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setExplicitStart(false);
    options.setIndicatorIndent(0);
    options.setSplitLines(false);
    Yaml yaml = new Yaml(options);
    StringBuilder out = new StringBuilder();
    for (Map<String, Object> doc : docs) {
      if (out.length() > 0) {
        out.append("---\n");
      }
      out.append(yaml.dump(doc));
    }
    return out.toString();
  }

  static String hostPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
