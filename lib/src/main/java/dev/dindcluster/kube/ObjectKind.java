package dev.dindcluster.kube;

/**
 * The kinds a dump lists: what {@code kubectl get all} shows (Secrets and ConfigMaps are not among
 * them, and never dumped), plus nodes.
 *
 * @param prefix how {@code kubectl get all} names an object of the kind: {@code <prefix>/<name>}
 * @param namespaced whether objects live in a namespace
 */
public enum ObjectKind {
  POD("Pod", "pod", true),
  SERVICE("Service", "service", true),
  DAEMONSET("DaemonSet", "daemonset.apps", true),
  DEPLOYMENT("Deployment", "deployment.apps", true),
  REPLICASET("ReplicaSet", "replicaset.apps", true),
  NODE("Node", "node", false);

  public final String kind;
  public final String prefix;
  public final boolean namespaced;

  ObjectKind(String kind, String prefix, boolean namespaced) {
    this.kind = kind;
    this.prefix = prefix;
    this.namespaced = namespaced;
  }
}
