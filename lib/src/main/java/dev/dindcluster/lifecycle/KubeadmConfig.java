package dev.dindcluster.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders kubeadm's configuration files (kubeadm.k8s.io/v1beta2, Kubernetes 1.15..1.21) from plain
 * inputs. Why these settings: see ../shared/design.md "Bring-up" — nodes share one disk and cannot
 * pull, so eviction and image GC are off; one master needs no leader election (a restart would wait
 * ~24 s for the old lease); conntrack limits cannot be written inside a container.
 */
public final class KubeadmConfig {
  private KubeadmConfig() {}

  /** What kubeadm init needs to know. */
  public record Init(
      String kubernetesVersion,
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
      String criSocket) {}

  /** What kubeadm join needs to know. */
  public record Join(
      String nodeName,
      List<String> nodeIps,
      String apiServerEndpoint,
      String bootstrapToken,
      String caCertHash,
      String criSocket) {}

  /** kubelet's built-in Docker shim (DIND_CRI=docker); any other socket is a remote CRI runtime. */
  public static final String DOCKERSHIM_SOCKET = "/var/run/dockershim.sock";

  /** True when kubelet talks to a remote CRI runtime (containerd) rather than its own dockershim. */
  public static boolean remoteRuntime(String criSocket) {
    return !DOCKERSHIM_SOCKET.equals(criSocket);
  }

  public static String init(Init in) {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: kubeadm.k8s.io/v1beta2\n")
        .append("kind: InitConfiguration\n")
        .append("bootstrapTokens:\n")
        .append("- token: ").append(quote(in.bootstrapToken())).append('\n')
        .append("  ttl: 24h0m0s\n")
        .append("  groups: [\"system:bootstrappers:kubeadm:default-node-token\"]\n")
        .append("  usages: [\"signing\", \"authentication\"]\n")
        .append("localAPIEndpoint:\n")
        .append("  advertiseAddress: ").append(quote(in.advertiseAddress())).append('\n')
        .append("  bindPort: 6443\n");
    nodeRegistration(y, in.nodeName(), in.nodeIps(), in.criSocket(), in.masterSchedulable());
    y.append("---\n")
        .append("apiVersion: kubeadm.k8s.io/v1beta2\n")
        .append("kind: ClusterConfiguration\n")
        .append("kubernetesVersion: ").append(in.kubernetesVersion()).append('\n')
        .append("imageRepository: ").append(in.imageRepository()).append('\n')
        .append("controlPlaneEndpoint: ").append(quote(hostPort(in.advertiseAddress(), 6443))).append('\n')
        .append("networking:\n")
        .append("  serviceSubnet: ").append(quote(in.serviceCidr())).append('\n');
    if (in.allocateNodeCidrs()) {
      y.append("  podSubnet: ").append(quote(String.join(",", in.podNetworkCidrs()))).append('\n');
    }
    if (in.dualStack()) {
      y.append("featureGates:\n  IPv6DualStack: true\n");
    }
    y.append("apiServer:\n")
        .append("  certSANs: [").append(in.certSans().stream().map(KubeadmConfig::quote).collect(Collectors.joining(", "))).append("]\n");
    extraArgs(y, in.apiServerExtraArgs(), in.featureGates(), in.dualStack());
    y.append("controllerManager:\n");
    Map<String, String> cm = new java.util.LinkedHashMap<>();
    cm.put("leader-elect", "false");
    cm.putAll(in.controllerManagerExtraArgs());
    extraArgs(y, cm, in.featureGates(), in.dualStack());
    y.append("scheduler:\n");
    Map<String, String> sched = new java.util.LinkedHashMap<>();
    sched.put("leader-elect", "false");
    sched.putAll(in.schedulerExtraArgs());
    extraArgs(y, sched, in.featureGates(), in.dualStack());
    y.append("---\n")
        .append("apiVersion: kubelet.config.k8s.io/v1beta1\n")
        .append("kind: KubeletConfiguration\n")
        .append("cgroupDriver: cgroupfs\n")
        .append("failSwapOn: false\n")
        .append("clusterDNS: [").append(quote(in.dnsServiceIp())).append("]\n")
        .append("clusterDomain: cluster.local\n")
        // Nodes share the host's disk and cannot pull images back: never evict, never GC images.
        .append("evictionHard: {\"memory.available\": \"0%\", \"nodefs.available\": \"0%\", \"nodefs.inodesFree\": \"0%\", \"imagefs.available\": \"0%\"}\n")
        .append("imageGCHighThresholdPercent: 100\n")
        .append("imageGCLowThresholdPercent: 99\n")
        // Restricted hosts cannot lower oom_score_adj; 0 keeps kubelet from logging that it failed.
        .append("oomScoreAdj: 0\n");
    if (in.dualStack()) {
      y.append("featureGates: {IPv6DualStack: true}\n");
    }
    y.append("---\n")
        .append("apiVersion: kubeproxy.config.k8s.io/v1alpha1\n")
        .append("kind: KubeProxyConfiguration\n")
        .append("mode: iptables\n")
        .append("clusterCIDR: ").append(quote(String.join(",", in.podNetworkCidrs()))).append('\n')
        // nf_conntrack_max is not writable from inside a container: leave the host's value alone.
        .append("conntrack:\n  maxPerCore: 0\n");
    if (in.dualStack()) {
      y.append("featureGates: {IPv6DualStack: true}\n");
    }
    return y.toString();
  }

  public static String join(Join in) {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: kubeadm.k8s.io/v1beta2\n")
        .append("kind: JoinConfiguration\n")
        .append("discovery:\n")
        .append("  bootstrapToken:\n")
        .append("    apiServerEndpoint: ").append(quote(in.apiServerEndpoint())).append('\n')
        .append("    token: ").append(quote(in.bootstrapToken())).append('\n')
        .append("    caCertHashes: [").append(quote(in.caCertHash())).append("]\n");
    nodeRegistration(y, in.nodeName(), in.nodeIps(), in.criSocket(), true);
    return y.toString();
  }

  private static void nodeRegistration(StringBuilder y, String name, List<String> ips, String criSocket, boolean schedulable) {
    y.append("nodeRegistration:\n")
        .append("  name: ").append(quote(name)).append('\n')
        .append("  criSocket: ").append(quote(criSocket)).append('\n')
        .append("  kubeletExtraArgs:\n")
        .append("    node-ip: ").append(quote(String.join(",", ips))).append('\n');
    if (remoteRuntime(criSocket)) {
      // kubelet 1.20 defaults to its dockershim; kubeadm derives the same two flags from criSocket,
      // but saying them here keeps the kubelet's runtime visible in the config we write.
      y.append("    container-runtime: \"remote\"\n")
          .append("    container-runtime-endpoint: ").append(quote("unix://" + criSocket)).append('\n');
    }
    if (schedulable) {
      // A master without workers must run pods (the original removed the taint for NUM_NODES=0).
      y.append("  taints: []\n");
    }
  }

  private static void extraArgs(StringBuilder y, Map<String, String> args, String featureGates, boolean dualStack) {
    Map<String, String> all = new java.util.LinkedHashMap<>(args);
    String gates = "none".equals(featureGates) ? "" : featureGates;
    if (dualStack) {
      gates = gates.isEmpty() ? "IPv6DualStack=true" : gates + ",IPv6DualStack=true";
    }
    if (!gates.isEmpty()) {
      all.putIfAbsent("feature-gates", gates);
    }
    if (all.isEmpty()) {
      return;
    }
    y.append("  extraArgs:\n");
    all.forEach((k, v) -> y.append("    ").append(k).append(": ").append(quote(v)).append('\n'));
  }

  static String hostPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** YAML double-quoted scalar. */
  static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
