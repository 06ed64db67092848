package dev.dindcluster.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KnobsTest {
  /** Every knob named in spec section 3 (3.1, 3.2 and the Sep-2018-only one). */
  private static final List<String> SPEC_KNOBS = List.of(
      "IP_MODE", "CLUSTER_ID", "DIND_LABEL", "MGMT_CIDRS", "DIND_SUBNET", "DIND_SUBNET_SIZE", "POD_NETWORK_CIDR",
      "SERVICE_CIDR", "DNS64_PREFIX", "DNS64_PREFIX_SIZE", "NAT64_V4_SUBNET_PREFIX", "REMOTE_DNS64_V4SERVER",
      "DIND_ALLOW_AAAA_USE", "GCE_HOSTED", "USE_HAIRPIN", "KUBE_RSYNC_ADDR", "ETCD_HOST", "CNI_PLUGIN",
      "CALICO_VERSION", "KUBE_ROUTER_VERSION", "DIND_CUSTOM_NETWORKS",
      "NUM_NODES", "DIND_IMAGE_BASE", "DIND_COMMIT", "DIND_K8S_VERSION", "DIND_IMAGE", "DIND_IMAGE_DIGEST",
      "DIND_SKIP_PULL", "BUILD_KUBEADM", "BUILD_HYPERKUBE", "KUBEADM_SOURCE", "HYPERKUBE_SOURCE", "DIND_K8S_BIN_DIR",
      "KUBEADM_DIND_LOCAL", "DOWNLOAD_KUBECTL", "KUBECTL_DIR", "EXTRA_PORTS", "APISERVER_PORT", "DIND_PORT_FORWARDER",
      "MASTER_EXTRA_OPTS", "SKIP_SNAPSHOT", "SKIP_DASHBOARD", "DASHBOARD_URL", "DNS_SERVICE", "DIND_STORAGE_DRIVER",
      "DIND_CRI", "FEATURE_GATES", "KUBELET_FEATURE_GATES", "APISERVER_<opt>", "CONTROLLER_MANAGER_<opt>",
      "SCHEDULER_<opt>", "ENABLE_CEPH", "DIND_CA_CERT_URL", "DIND_PROPAGATE_HTTP_PROXY", "DIND_HTTP_PROXY",
      "DIND_HTTPS_PROXY", "DIND_NO_PROXY", "DIND_DAEMON_JSON_FILE", "DIND_REGISTRY_MIRROR", "DIND_INSECURE_REGISTRIES",
      "E2E_REPORT_DIR", "DIND_NO_PARALLEL_E2E", "RUN_ON_BTRFS_ANYWAY", "EMBEDDED_CONFIG", "KUBE_RSYNC_PORT",
      "LOCAL_KUBECTL_VERSION");

  @Test
  void listsEverySpecKnobOnceWithOneLineDescriptions() {
    List<String> names = Knobs.all().stream().map(Knob::name).toList();
    assertThat(names).containsAll(SPEC_KNOBS);
    assertThat(new HashSet<>(names)).hasSameSizeAs(names);
    for (Knob knob : Knobs.all()) {
      assertThat(knob.description()).doesNotContain("\n").isNotBlank().endsWith(".");
      assertThat(knob.defaultDescription()).doesNotContain("\n").isNotBlank();
    }
  }

  @Test
  void unsupportedKnobsSayWhatHappens() {
    Set<Knob.Support> seen = new HashSet<>();
    for (Knob knob : Knobs.all()) {
      seen.add(knob.support());
      switch (knob.support()) {
        case IGNORED -> assertThat(knob.description()).startsWith("Ignored with a warning");
        case REJECTED -> assertThat(knob.description()).startsWith("Rejected");
        case SUPPORTED -> assertThat(knob.description()).doesNotStartWith("Ignored").doesNotStartWith("Rejected");
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(Knob.Support.values());
  }
}
