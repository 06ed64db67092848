package dev.dindcluster.plan;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The defaulted knobs the lifecycle needs besides the networks.
 *
 * @param featureGates FEATURE_GATES, null for "none"
 * @param kubeletFeatureGates KUBELET_FEATURE_GATES, null for "none"
 * @param apiserverExtraArgs from APISERVER_<opt> variables: opt with '_' -> '-' to value, sorted
 * @param criSocket the CRI socket for DIND_CRI
 * @param dnsService the DNS service actually used (kube-dns on 1.13+ becomes coredns)
 * @param portForwarder DIND_PORT_FORWARDER or null
 * @param extraPorts docker -p specs for the workers (EXTRA_PORTS split on ';')
 * @param customNetworks DIND_CUSTOM_NETWORKS
 * @param e2eReportDir E2E_REPORT_DIR or null
 * @param release where a missing node image's parts come from
 */
public record ClusterOptions(
    boolean useHairpin,
    boolean allowAaaaUse,
    String featureGates,
    String kubeletFeatureGates,
    Map<String, String> apiserverExtraArgs,
    Map<String, String> controllerManagerExtraArgs,
    Map<String, String> schedulerExtraArgs,
    String dindCri,
    String criSocket,
    String dnsService,
    String storageDriver,
    boolean skipSnapshot,
    boolean skipDashboard,
    String portForwarder,
    List<String> extraPorts,
    List<String> customNetworks,
    String e2eReportDir,
    boolean noParallelE2e,
    ReleaseSource release) {

  public ClusterOptions {
    apiserverExtraArgs = sorted(apiserverExtraArgs);
    controllerManagerExtraArgs = sorted(controllerManagerExtraArgs);
    schedulerExtraArgs = sorted(schedulerExtraArgs);
    extraPorts = List.copyOf(extraPorts);
    customNetworks = List.copyOf(customNetworks);
  }

  private static Map<String, String> sorted(Map<String, String> args) {
    return Collections.unmodifiableMap(new TreeMap<>(args));
  }
}
