package dev.dindcluster.config;

import static dev.dindcluster.config.Knob.Support.IGNORED;
import static dev.dindcluster.config.Knob.Support.REJECTED;
import static dev.dindcluster.config.Knob.Support.SUPPORTED;
import static dev.dindcluster.net.ClusterAddressing.DEFAULT_DNS64_PREFIX;
import static dev.dindcluster.net.ClusterAddressing.DEFAULT_DNS64_PREFIX_LENGTH;
import static dev.dindcluster.net.ClusterAddressing.DEFAULT_MGMT_IPV4;
import static dev.dindcluster.net.ClusterAddressing.DEFAULT_MGMT_IPV6;
import static dev.dindcluster.net.ClusterAddressing.DEFAULT_NAT64_V4_SUBNET_PREFIX;
import static dev.dindcluster.net.ClusterAddressing.DEFAULT_POD_IPV4;
import static dev.dindcluster.net.ClusterAddressing.DEFAULT_POD_IPV4_CALICO;
import static dev.dindcluster.net.ClusterAddressing.DEFAULT_POD_IPV6;
import static dev.dindcluster.net.ClusterAddressing.DEFAULT_REMOTE_DNS64_V4SERVER;
import static dev.dindcluster.net.ClusterAddressing.DEFAULT_SERVICE_IPV4;
import static dev.dindcluster.net.ClusterAddressing.DEFAULT_SERVICE_IPV6;
import static dev.dindcluster.net.ClusterAddressing.DNS_SERVICE_OFFSET;

import dev.dindcluster.net.ClusterIdInjection;
import dev.dindcluster.net.PodCidrs;
import java.util.List;
import java.util.Optional;

/**
 * Every knob of the original dind-cluster.sh plus this project's own, in the README's order.
 * The README's configuration table is generated from this list. Rule for the knobs this project
 * cannot honour: a knob whose purpose is moot here (downloads, registries, pulls, source-build
 * helpers) is IGNORED with a warning; a knob that asks for something we cannot do (build from
 * source, foreign binaries, raw docker options, host devices, internet) is REJECTED (exit 2).
 * Address defaults and rules are written from the constants the planner uses, so the table
 * cannot state a default the planner does not apply.
 */
public final class Knobs {
  private Knobs() {}

  private static final List<Knob> ALL =
      List.of(
          // 3.1 identity / networking
          k("IP_MODE", "ipv4", "ipv4, ipv6 or dual-stack; any other value is rejected."),
          k("CLUSTER_ID", "unset (= 0)", "Cluster number 0..254: names get -cluster-N (or -LABEL-N) and the management network's id part is N."),
          k("DIND_LABEL", "mirantis.kubeadm_dind_cluster_runtime", "Docker label of the cluster's containers and name suffix; without CLUSTER_ID a random id 1..12 picks the addresses."),
          k("MGMT_CIDRS", "ipv4 " + DEFAULT_MGMT_IPV4 + "; ipv6 " + DEFAULT_MGMT_IPV6 + "; dual-stack both",
              "Node network(s), comma/space separated, IPv4 first; " + ClusterIdInjection.RULE + "."),
          k("DIND_SUBNET", "unset", "Legacy: DIND_SUBNET/DIND_SUBNET_SIZE is the node network when MGMT_CIDRS is empty and both are set."),
          k("DIND_SUBNET_SIZE", "unset", "Legacy: prefix length for DIND_SUBNET."),
          k("POD_NETWORK_CIDR", "ipv4 " + DEFAULT_POD_IPV4 + " (calico: " + DEFAULT_POD_IPV4_CALICO + "); ipv6 " + DEFAULT_POD_IPV6 + "; dual-stack both",
              "Pod CIDR(s): IPv4 must be a /16 (node id i gets a.b.i.0/24); IPv6 /L up to /" + PodCidrs.MAX_IPV6_PREFIX + " (node id i gets the i-th /L+8)."),
          k("SERVICE_CIDR", "ipv4 " + DEFAULT_SERVICE_IPV4 + "; ipv6 and dual-stack " + DEFAULT_SERVICE_IPV6,
              "Service CIDR, one family (the mode's; either in dual-stack); the DNS service IP is its address +" + DNS_SERVICE_OFFSET + "."),
          k("DNS64_PREFIX", DEFAULT_DNS64_PREFIX, "ipv6 mode: prefix bind9 synthesises AAAA records in (same for every cluster)."),
          k("DNS64_PREFIX_SIZE", Integer.toString(DEFAULT_DNS64_PREFIX_LENGTH), "ipv6 mode: DNS64 prefix length: 32, 40, 48, 56, 64 or 96."),
          k("NAT64_V4_SUBNET_PREFIX", DEFAULT_NAT64_V4_SUBNET_PREFIX, "ipv6 mode: two octets; CLUSTER_ID is added to the second; must stay in 10.0.0.0/8 (<= 253) or 172.16.0.0/12."),
          k("REMOTE_DNS64_V4SERVER", DEFAULT_REMOTE_DNS64_V4SERVER, "ipv6 mode: upstream IPv4 DNS server for bind9 and tayga."),
          k("DIND_ALLOW_AAAA_USE", "empty (forced true in dual-stack)", "ipv6 mode: use real AAAA records and IPv6 masquerading; ignored with a warning in ipv4 mode."),
          k("GCE_HOSTED", "empty", "Set when running on GCE: then AAAA use (ipv6 with DIND_ALLOW_AAAA_USE, or dual-stack) is rejected."),
          k("USE_HAIRPIN", "ipv4 false; ipv6 and dual-stack true", "hairpinMode of the nodes' bridge CNI config: true or false."),
          ignored("KUBE_RSYNC_ADDR", "ipv4 127.0.0.1; else ::1", "Ignored with a warning: rsync address for building Kubernetes from source, which this project does not do."),
          ignored("ETCD_HOST", "127.0.0.1 or [::1]", "Ignored with a warning: only passed to Kubernetes source-build scripts."),
          k("CNI_PLUGIN", "bridge", "bridge, ptp, flannel, calico, calico-kdd, weave or kube-router; IPv6 pod networks need bridge or ptp."),
          ignored("CALICO_VERSION", "v3.3", "Ignored with a warning: calico manifests were fetched from the internet."),
          ignored("KUBE_ROUTER_VERSION", "v0.2.0", "Ignored with a warning: the kube-router image came from a registry."),
          k("DIND_CUSTOM_NETWORKS", "empty", "Comma-separated existing Docker networks every node is attached to before it boots (up stops first when one is missing)."),
          // 3.2 cluster shape / images / binaries
          k("NUM_NODES", "2", "Worker nodes, 0 = master only; limited by the networks (252 with a /24 management network)."),
          k("DIND_ZONES", "empty", "Comma-separated zones: workers round-robin over them (kube-node-1 the first), the master in the first; labels topology.kubernetes.io/zone and /region (1.17+) and failure-domain.beta.kubernetes.io/zone and /region, registered by kubelet at join."),
          k("DIND_REGION", "dind", "The region label of every node when DIND_ZONES is set."),
          k("DIND_NODE_LABELS", "empty", "Per-node labels registered at join: NODE:KEY=VALUE[,KEY=VALUE...] entries separated by ';'; NODE is kube-master, kube-node-N or a full node name; kubernetes.io/k8s.io keys only where kubelet may set them."),
          k("DIND_NODE_TAINTS", "empty", "Per-node taints registered at join: NODE:KEY[=VALUE]:EFFECT[,...] entries separated by ';'; EFFECT is NoSchedule, PreferNoSchedule or NoExecute; the master keeps kubeadm's own taint."),
          k("DIND_LOCAL_REGISTRY_PORT", "empty", "A local registry for the cluster, published on the host's 127.0.0.1:PORT: `docker push 127.0.0.1:PORT/app:dev` on the host, image 127.0.0.1:PORT/app:dev in pods on every node (docker and containerd). down keeps it and its images, clean removes it; ipv4 and dual-stack only."),
          ignored("DIND_IMAGE_BASE", "mirantis/kubeadm-dind-cluster", "Ignored with a warning: the node image is pinned by the fixed script (use DIND_IMAGE)."),
          ignored("DIND_COMMIT", "empty", "Ignored with a warning: the node image is pinned by the fixed script (use DIND_IMAGE)."),
          ignored("DIND_K8S_VERSION", "v1.13", "Ignored with a warning: the Kubernetes version is pinned by the fixed script."),
          k("DIND_IMAGE", "the fixed script's node image", "Node image to use instead of the pinned one; when the local engine lacks it, up pulls it when its name starts with a registry host (host[:port]/...), else builds it from the release artifacts."),
          ignored("DIND_IMAGE_DIGEST", "empty", "Ignored with a warning: local images have no registry digest."),
          ignored("DIND_SKIP_PULL", "empty", "Ignored with a warning: a node image is pulled only when it is missing, and only from DIND_NODE_IMAGE_REGISTRY or a DIND_IMAGE that names a registry host (else it is built from release artifacts)."),
          rejected("BUILD_KUBEADM", "empty", "Rejected: building kubeadm from a Kubernetes source tree is not supported."),
          rejected("BUILD_HYPERKUBE", "empty", "Rejected: building hyperkube from a Kubernetes source tree is not supported."),
          rejected("KUBEADM_SOURCE", "empty (keep://)", "Rejected unless keep://: the node image's own kubeadm is always used."),
          rejected("HYPERKUBE_SOURCE", "empty (keep://)", "Rejected unless keep://: the node image's own binaries are always used."),
          rejected("DIND_K8S_BIN_DIR", "empty", "Rejected: mounting other Kubernetes binaries into the nodes is not supported."),
          rejected("KUBEADM_DIND_LOCAL", "empty", "Rejected: source builds (local make) are not supported."),
          ignored("DOWNLOAD_KUBECTL", "empty", "Ignored with a warning: no kubectl is needed or downloaded (the library talks to the API server)."),
          ignored("KUBECTL_DIR", "$HOME/.kubeadm-dind-cluster", "Ignored with a warning: no kubectl is downloaded."),
          k("EXTRA_PORTS", "empty", "';'-separated docker -p specs ([ip:][hostPort:]containerPort[/proto]) published on the worker nodes."),
          k("APISERVER_PORT", "the running master's port, else 0 (a free port)", "Host port (0..65535) on the loopback for the API server."),
          k("DIND_PORT_FORWARDER", "empty", "Executable run as '<path> <port>' after the kubeconfig is written."),
          rejected("MASTER_EXTRA_OPTS", "empty", "Rejected: raw docker run options cannot be passed through the Docker API."),
          k("SKIP_SNAPSHOT", "empty", "Never snapshot: every up is a full kubeadm bring-up."),
          k("SKIP_DASHBOARD", "empty", "Accepted: the dashboard is never deployed here (it would come from the internet)."),
          ignored("DASHBOARD_URL", "by Kubernetes version", "Ignored with a warning: the dashboard is never deployed (no internet)."),
          k("DNS_SERVICE", "coredns", "coredns or kube-dns (kube-dns on 1.13+ warns and uses coredns); served by the node image's DNS server."),
          k("DIND_STORAGE_DRIVER", "overlay2", "Storage driver of the Docker daemon inside each node: only overlay2, what the node image runs."),
          k("DIND_CRI", "docker up to v1.23, containerd from v1.24", "docker (dockershim, Kubernetes <= 1.23) or containerd (1.13 on): the container runtime kubeadm is pointed at."),
          k("FEATURE_GATES", "none", "Feature gates (Name=true,...) for apiserver, controller-manager and scheduler; none = omit."),
          k("KUBELET_FEATURE_GATES", "none", "Kubelet feature gates (Name=true,...) for the KubeletConfiguration; none = omit (the original's default DynamicKubeletConfig=true is gone from kubelet since 1.26)."),
          k("APISERVER_<opt>", "none", "Any APISERVER_<lower_case_opt>=V becomes apiserver extra arg <lower-case-opt>: \"V\"."),
          k("CONTROLLER_MANAGER_<opt>", "kube_api_qps=100, kube_api_burst=200", "Any CONTROLLER_MANAGER_<lower_case_opt>=V becomes a controller-manager extra arg; its API client rate is raised from 20/s by default (its controllers then start in ~1.5 s instead of ~8 s)."),
          k("SCHEDULER_<opt>", "none", "Any SCHEDULER_<lower_case_opt>=V becomes a scheduler extra arg."),
          rejected("ENABLE_CEPH", "empty", "Rejected: would bind-mount the host's /dev, /sys/bus and Docker socket into the nodes."),
          rejected("DIND_CA_CERT_URL", "empty", "Rejected: the nodes fetch nothing from URLs."),
          ignored("DIND_PROPAGATE_HTTP_PROXY", "empty", "Ignored with a warning: nodes never reach a registry or the internet."),
          ignored("DIND_HTTP_PROXY", "empty", "Ignored with a warning: nodes never reach a registry or the internet."),
          ignored("DIND_HTTPS_PROXY", "empty", "Ignored with a warning: nodes never reach a registry or the internet."),
          ignored("DIND_NO_PROXY", "empty", "Ignored with a warning: nodes never reach a registry or the internet."),
          ignored("DIND_DAEMON_JSON_FILE", "/etc/docker/daemon.json", "Ignored with a warning: the nodes' inner Docker daemon configuration is fixed by the image."),
          ignored("DIND_REGISTRY_MIRROR", "empty", "Ignored with a warning: nodes never pull images."),
          ignored("DIND_INSECURE_REGISTRIES", "empty", "Ignored with a warning: nodes never pull images."),
          k("E2E_REPORT_DIR", "empty", "Directory for the e2e JUnit reports."),
          k("DIND_NO_PARALLEL_E2E", "empty", "Run the e2e specs serially."),
          ignored("RUN_ON_BTRFS_ANYWAY", "empty", "Ignored with a warning: nothing refuses a btrfs engine here (node state lives on a named volume, overlay2 inside the node)."),
          ignored("EMBEDDED_CONFIG", "empty", "Ignored with a warning: no config.sh is sourced; use --config or DIND_CONFIG_FILE."),
          ignored("KUBE_RSYNC_PORT", "empty", "Ignored with a warning: only read by Kubernetes source-build scripts."),
          ignored("LOCAL_KUBECTL_VERSION", "empty", "Ignored with a warning (Sep-2018 knob): no kubectl is downloaded."),
          // this project's own
          k("DIND_RELEASE_URL", "https://dl.k8s.io", "Where a missing node image's Kubernetes comes from: <url>/<version>/kubernetes-server-linux-amd64.tar.gz, checked against the strongest checksum beside it: .sha256, else .sha512, else .sha1 or .md5 (upstream's layout; a mirror works)."),
          k("DIND_REGISTRY", "registry.k8s.io", "Registry (host[:port][/path]) a missing node image's etcd, pause and DNS add-on images are pulled from, with upstream's names."),
          k("DIND_DOWNLOAD_TIMEOUT", "30", "Seconds (1..3600) a release download may wait for its next bytes before it resumes or fails."),
          k("DIND_NODE_IMAGE_REGISTRY", "empty", "Registry (host[:port][/path]) of prebuilt node images: a missing node image is pulled from <registry>/<image> instead of built; publish-image pushes there."),
          k("DIND_UNVERIFIED_RELEASE", "refuse", "A release that publishes no checksum file: refuse (up stops before creating anything) or accept (downloaded and used unchecked)."),
          k("DIND_CACHE_DIR", "/var/cache/dind-cluster", "Where downloads and build stages are cached, by content."),
          k("DIND_CONFIG_FILE", "unset", "A config.sh-style KEY=VALUE file read before the environment (same as --config)."));

  public static List<Knob> all() {
    return ALL;
  }

  public static Optional<Knob> byName(String name) {
    return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  private static Knob k(String name, String def, String description) {
    return new Knob(name, def, description, SUPPORTED);
  }

  private static Knob ignored(String name, String def, String description) {
    return new Knob(name, def, description, IGNORED);
  }

  private static Knob rejected(String name, String def, String description) {
    return new Knob(name, def, description, REJECTED);
  }
}
