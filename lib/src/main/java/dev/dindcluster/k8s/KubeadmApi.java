package dev.dindcluster.k8s;

/**
 * kubeadm's configuration API, one per range of Kubernetes minors. Field names follow each API's Go
 * types in kubernetes/kubernetes {@code cmd/kubeadm/app/apis/kubeadm/<version>/types.go}.
 */
public enum KubeadmApi {
  /** 1.8-1.10: {@code MasterConfiguration} and {@code NodeConfiguration}, flat fields. */
  V1ALPHA1("v1alpha1", 8),
  /** 1.11: still MasterConfiguration/NodeConfiguration, now with bootstrapTokens and nodeRegistration. */
  V1ALPHA2("v1alpha2", 11),
  /** 1.12: InitConfiguration + ClusterConfiguration + JoinConfiguration; component configs as documents. */
  V1ALPHA3("v1alpha3", 12),
  /** 1.13-1.14: apiServer/controllerManager/scheduler blocks, localAPIEndpoint, join discovery block. */
  V1BETA1("v1beta1", 13),
  /** 1.15-1.22. */
  V1BETA2("v1beta2", 15),
  /** 1.23-1.30: as v1beta2 for every field used here (kubeadm 1.36 removed it). */
  V1BETA3("v1beta3", 23),
  /**
   * From 1.31, where kubeadm introduced it and deprecated v1beta3 (removed in 1.36): every version
   * gets a configuration its kubeadm does not warn about. kind waited until 1.36 because its users
   * write kubeadm patches against its v1beta3 template; nobody patches ours. Extra arguments
   * become lists of name/value pairs.
   */
  V1BETA4("v1beta4", 31);

  public final String version;
  public final int firstMinor;

  KubeadmApi(String version, int firstMinor) {
    this.version = version;
    this.firstMinor = firstMinor;
  }

  public static KubeadmApi forVersion(KubernetesVersion k8s) {
    KubeadmApi chosen = V1ALPHA1;
    for (KubeadmApi api : values()) {
      if (k8s.atLeast(api.firstMinor)) {
        chosen = api;
      }
    }
    return chosen;
  }

  /** {@code kubeadm.k8s.io/v1beta2}. */
  public String apiVersion() {
    return "kubeadm.k8s.io/" + version;
  }

  /** MasterConfiguration/NodeConfiguration rather than Init/Cluster/JoinConfiguration. */
  public boolean masterNodeKinds() {
    return this == V1ALPHA1 || this == V1ALPHA2;
  }
}
