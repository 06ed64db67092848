package dev.dindcluster.k8s;

/** The well-known node labels of zones and regions, and which of them a Kubernetes version reads. */
public final class TopologyLabels {
  public static final String ZONE = "topology.kubernetes.io/zone";
  public static final String REGION = "topology.kubernetes.io/region";
  public static final String BETA_ZONE = "failure-domain.beta.kubernetes.io/zone";
  public static final String BETA_REGION = "failure-domain.beta.kubernetes.io/region";
  /** The topology.kubernetes.io labels arrived in 1.17; earlier versions read only the beta ones. */
  public static final int GA_MINOR = 17;

  private TopologyLabels() {}

  /** The zone label this version's scheduler and volume topology use. */
  public static String zoneKey(KubernetesVersion version) {
    return version.atLeast(GA_MINOR) ? ZONE : BETA_ZONE;
  }
}
