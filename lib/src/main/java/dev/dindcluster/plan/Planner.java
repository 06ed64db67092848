package dev.dindcluster.plan;

import dev.dindcluster.cni.CniPlugin;
import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.config.InvalidConfigException;
import dev.dindcluster.config.Settings;
import dev.dindcluster.k8s.KubernetesVersion;
import dev.dindcluster.k8s.VersionRules;
import dev.dindcluster.naming.ClusterIdentity;
import dev.dindcluster.naming.ClusterNaming;
import dev.dindcluster.net.Cidr;
import dev.dindcluster.net.ClusterAddressing;
import dev.dindcluster.net.IpAddress;
import dev.dindcluster.net.IpFamily;
import dev.dindcluster.net.IpMode;
import dev.dindcluster.net.PodCidrs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/** Pure: settings (config file &lt; environment &lt; command line, already merged) to a validated plan. */
public final class Planner {
  private Planner() {}

  /**
   * @param settings merged knob values; a key that is present but empty counts as "set" where the
   *     original distinguished that (CLUSTER_ID, DIND_LABEL)
   * @param randomClusterId the id used for a DIND_LABEL without CLUSTER_ID (the original: 1..12)
   * @throws InvalidConfigException with every problem found, never just the first
   */
  public static ClusterPlan plan(
      Map<String, String> settings, FixedRelease release, IntSupplier randomClusterId) {
    Settings s = new Settings(settings);
    Findings findings = new Findings();
    String modeText = s.orDefault("IP_MODE", "ipv4");
    IpMode mode = IpMode.fromKnob(modeText).orElse(null);
    if (mode == null) {
      findings.problem("IP_MODE", modeText, "must be ipv4, ipv6 or dual-stack");
    }
    KubernetesVersion version = KubernetesVersion.parse(release.kubernetesVersion());
    if (mode == IpMode.DUAL_STACK && !version.atLeast(VersionRules.DUAL_STACK)) {
      findings.problem("IP_MODE", modeText, "Kubernetes " + version + " has no dual-stack (it arrived in v1." + VersionRules.DUAL_STACK
          + "): use ipv4 or ipv6");
    }
    ClusterIdentity identity = IdentityRules.resolve(s, randomClusterId, findings);
    CniPlugin cni = OptionRules.cni(s, findings);
    Integer numNodes = OptionRules.numNodes(s, findings);
    int port = OptionRules.apiServerPort(s, findings);
    OptionRules.unsupportedKnobs(s, findings);
    String image = s.orDefault("DIND_IMAGE", release.nodeImage());
    if (mode == null) {
      // Every network default depends on the mode; report what else can be checked.
      OptionRules.options(s, IpMode.IPV4, false, release, findings);
      findings.throwIfProblems();
    }

    List<Cidr> mgmt = identity == null ? null : ManagementNetworkRules.resolve(s, mode, identity.clusterId(), findings);
    List<Cidr> pods = PodNetworkRules.resolve(s, mode, cni, findings);
    Cidr service = ServiceNetworkRules.resolve(s, mode, findings);
    if (mgmt != null) {
      NodeLimits.check(mode, mgmt, numNodes, LocalRegistryRules.requested(s), findings);
    }
    checkDisjoint(mgmt, pods, service, findings);
    boolean aaaa = allowAaaaUse(s, mode, findings);
    // The original refused CLUSTER_ID/DIND_LABEL in dual-stack mode (its host-wide ip6tables
    // masquerading and resolv.conf fix-ups were per host); here every address is per cluster and
    // nothing is changed on the host, so dual-stack clusters run side by side like the others.
    Nat64Plan nat64 = null;
    if (mode == IpMode.IPV6) {
      // With an invalid identity, still check what does not depend on the id (as id 0).
      Cidr v6 = mgmt == null ? null : mgmt.get(0);
      ClusterIdentity forNat64 = identity != null ? identity : new ClusterIdentity(0, ClusterIdentity.DEFAULT_LABEL, false);
      nat64 = Nat64Rules.resolve(s, forNat64.clusterId(), v6, forNat64.naming(), findings);
    }
    ClusterOptions options = OptionRules.options(s, mode, aaaa, release, findings);
    LocalRegistryPlan registry = LocalRegistryRules.resolve(s, mode, mgmt, identity == null ? null : identity.naming(), findings);
    List<TopologyRules.NodeTopology> topology = identity == null || numNodes == null ? null
        : TopologyRules.resolve(s, version, nodeNames(identity.naming(), numNodes), findings);
    findings.throwIfProblems();

    ClusterNaming naming = identity.naming();
    List<NodePlan> nodes = new ArrayList<>();
    for (int worker = 0; worker <= numNodes; worker++) {
      String name = worker == 0 ? naming.masterName() : naming.workerName(worker);
      int nodeId = worker + 1;
      List<IpAddress> ips = mgmt.stream().map(c -> c.addressAt(nodeId + 1)).toList();
      List<Cidr> podCidrs = pods.stream().map(c -> PodCidrs.forNode(c, nodeId)).toList();
      nodes.add(new NodePlan(name, worker == 0 ? NodePlan.Role.MASTER : NodePlan.Role.WORKER,
          nodeId, ips, podCidrs, naming.volumeName(name), topology.get(worker).labels(), topology.get(worker).taints()));
    }
    IpFamily serviceFamily = service.family();
    // kubeadm advertises the master's address of the service family (dual-stack: v6 by default).
    IpAddress advertise = nodes.get(0).ip(serviceFamily).orElse(nodes.get(0).ips().get(0));
    IpAddress loopback = IpAddress.parse(serviceFamily == IpFamily.IPV4 ? "127.0.0.1" : "::1");
    return new ClusterPlan(
        mode,
        identity.clusterId(),
        identity.randomId(),
        identity.label(),
        identity.suffix(),
        naming.contextName(),
        identity.isDefaultLabel(),
        new NetworkPlan(naming.networkName(), mgmt, mgmt.stream().map(c -> c.addressAt(1)).toList()),
        nodes,
        pods,
        service,
        ClusterAddressing.dnsServiceIp(service),
        advertise,
        new ApiServerPlan(loopback, port, s.flag("APISERVER_PORT")),
        image,
        release.kubernetesVersion(),
        cni,
        numNodes,
        nat64,
        registry,
        options,
        findings.warnings());
  }

  private static List<String> nodeNames(ClusterNaming naming, int workers) {
    List<String> names = new ArrayList<>();
    names.add(naming.masterName());
    for (int worker = 1; worker <= workers; worker++) {
      names.add(naming.workerName(worker));
    }
    return names;
  }

  /**
   * Node, pod and service addresses must not overlap: a pod address equal to a node's, or a service
   * range inside the pod range, makes routing ambiguous and kubeadm or kube-proxy fail late.
   */
  private static void checkDisjoint(List<Cidr> mgmt, List<Cidr> pods, Cidr service, Findings findings) {
    List<Map.Entry<String, Cidr>> ranges = new ArrayList<>();
    if (mgmt != null) {
      mgmt.forEach(c -> ranges.add(Map.entry("MGMT_CIDRS", c)));
    }
    if (pods != null) {
      pods.forEach(c -> ranges.add(Map.entry("POD_NETWORK_CIDR", c)));
    }
    if (service != null) {
      ranges.add(Map.entry("SERVICE_CIDR", service));
    }
    for (int i = 0; i < ranges.size(); i++) {
      for (int j = i + 1; j < ranges.size(); j++) {
        var a = ranges.get(i);
        var b = ranges.get(j);
        if (!a.getKey().equals(b.getKey()) && a.getValue().overlaps(b.getValue())) {
          findings.problem(b.getKey(), b.getValue().toString(), "must not overlap " + a.getKey() + " " + a.getValue()
              + " (node, pod and service addresses must be distinct)");
        }
      }
    }
  }

  private static boolean allowAaaaUse(Settings s, IpMode mode, Findings findings) {
    boolean aaaa = s.flag("DIND_ALLOW_AAAA_USE");
    if (mode == IpMode.IPV4 && aaaa) {
      findings.warning("The DIND_ALLOW_AAAA_USE option is for IPv6 mode - ignoring setting.");
      aaaa = false;
    }
    if (mode == IpMode.DUAL_STACK) {
      aaaa = true;
    }
    if (aaaa && s.flag("GCE_HOSTED")) {
      findings.problem("GCE_HOSTED", s.raw("GCE_HOSTED"), "GCE does not support use of IPv6 for external addresses:"
          + " unset GCE_HOSTED, or DIND_ALLOW_AAAA_USE (dual-stack always uses AAAA records)");
    }
    return aaaa;
  }
}
