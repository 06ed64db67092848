package dev.dindcluster.k8s;

import java.util.ArrayList;
import java.util.List;

/**
 * The images kubeadm of one Kubernetes version runs, as that version names them. kubeadm 1.11 and
 * later can say it itself ({@code kubeadm config images list}), and the release builder asks it;
 * this table is what {@code plan} shows and the only source for kubeadm 1.8-1.10, which cannot.
 * Tags are those of each minor's first release (kubeadm's constants; later patches may move etcd
 * forward, which the release builder's own list catches).
 */
public final class ComponentImages {
  private ComponentImages() {}

  /**
   * The image repository the node images hold their component images under, and kubeadm is told
   * to use: a name no registry answers for, so nothing is ever pulled by accident.
   */
  public static final String NODE_REPOSITORY = "dind-cluster.local";

  /** The control-plane images the release tarball carries as image tars in {@code server/bin}. */
  public static final List<String> RELEASE_TARBALL_IMAGES =
      List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler", "kube-proxy");

  /** One image: its name under an image repository, and where upstream publishes it. */
  public record Image(String name, String tag, String upstreamPath, boolean inReleaseTarball) {
    /** The reference kubeadm looks for with {@code imageRepository: repository}. */
    public String ref(String repository) {
      return repository + "/" + name + ":" + tag;
    }

    /** The reference under {@link #NODE_REPOSITORY}. */
    public String nodeRef() {
      return ref(NODE_REPOSITORY);
    }

    /** The reference to pull from a registry with upstream's layout. */
    public String upstreamRef(String registry) {
      return registry + "/" + upstreamPath + ":" + tag;
    }
  }

  /** One row of the table: the tags a minor's kubeadm uses. */
  private record Row(int minor, String etcd, String pause, String dns) {}

  // etcd, pause and the DNS add-on per minor: kube-dns 1.14.x for kubeadm <= 1.10, CoreDNS after.
  private static final List<Row> ROWS = List.of(
      new Row(8, "3.0.17", "3.0", "1.14.5"),
      new Row(9, "3.1.11", "3.0", "1.14.7"),
      new Row(10, "3.1.12", "3.1", "1.14.8"),
      new Row(11, "3.2.18", "3.1", "1.1.3"),
      new Row(12, "3.2.24", "3.1", "1.2.2"),
      new Row(13, "3.2.24", "3.1", "1.2.6"),
      new Row(14, "3.3.10", "3.1", "1.3.1"),
      new Row(15, "3.3.10", "3.1", "1.3.1"),
      new Row(16, "3.3.15-0", "3.1", "1.6.2"),
      new Row(17, "3.4.3-0", "3.1", "1.6.5"),
      new Row(18, "3.4.3-0", "3.2", "1.6.7"),
      new Row(19, "3.4.13-0", "3.2", "1.7.0"),
      new Row(20, "3.4.13-0", "3.2", "1.7.0"),
      new Row(21, "3.4.13-0", "3.4.1", "v1.8.0"),
      new Row(22, "3.5.0-0", "3.5", "v1.8.4"),
      new Row(23, "3.5.1-0", "3.6", "v1.8.6"),
      new Row(24, "3.5.3-0", "3.7", "v1.8.6"),
      new Row(25, "3.5.4-0", "3.8", "v1.9.3"),
      new Row(26, "3.5.6-0", "3.9", "v1.9.3"),
      new Row(27, "3.5.7-0", "3.9", "v1.10.1"),
      new Row(28, "3.5.9-0", "3.9", "v1.10.1"),
      new Row(29, "3.5.10-0", "3.9", "v1.11.1"),
      new Row(30, "3.5.12-0", "3.9", "v1.11.1"),
      new Row(31, "3.5.15-0", "3.10", "v1.11.3"),
      new Row(32, "3.5.16-0", "3.10", "v1.11.3"),
      new Row(33, "3.5.21-0", "3.10", "v1.12.0"),
      new Row(34, "3.6.4-0", "3.10.1", "v1.12.1"),
      new Row(35, "3.6.6-0", "3.10.1", "v1.13.1"),
      new Row(36, "3.6.8-0", "3.10.2", "v1.14.2"),
      new Row(37, "3.7.0-0", "3.10.2", "v1.14.6"));

  /** Every image kubeadm of this version runs, control plane first. */
  public static List<Image> forVersion(KubernetesVersion version) {
    Row row = row(version);
    // Until 1.11 kubeadm named images per architecture; 1.12 moved to multi-arch manifests.
    String arch = version.atLeast(12) ? "" : "-amd64";
    List<Image> images = new ArrayList<>();
    for (String component : RELEASE_TARBALL_IMAGES) {
      images.add(new Image(component + arch, version.toString(), component + arch, true));
    }
    images.add(new Image("etcd" + arch, row.etcd(), "etcd" + arch, false));
    images.add(new Image("pause" + arch, row.pause(), "pause" + arch, false));
    images.addAll(dnsAddon(version, row.dns()));
    return List.copyOf(images);
  }

  /** kube-dns (its three containers) through 1.10, CoreDNS after. */
  public static String dnsAddonName(KubernetesVersion version) {
    return version.atLeast(11) ? "coredns" : "kube-dns";
  }

  private static List<Image> dnsAddon(KubernetesVersion version, String tag) {
    if (!version.atLeast(11)) {
      return List.of("k8s-dns-kube-dns-amd64", "k8s-dns-dnsmasq-nanny-amd64", "k8s-dns-sidecar-amd64").stream()
          .map(name -> new Image(name, tag, name, false)).toList();
    }
    // From 1.21 upstream publishes CoreDNS as coredns/coredns; kubeadm still expects plain
    // "coredns" under a custom imageRepository such as the one the nodes use.
    return List.of(new Image("coredns", tag, upstreamPath("coredns", version), false));
  }

  /**
   * Where upstream publishes the image kubeadm calls {@code name} under a custom repository: the
   * same path, except CoreDNS, which moved to {@code coredns/coredns} in 1.21.
   */
  public static String upstreamPath(String name, KubernetesVersion version) {
    return name.equals("coredns") && version.atLeast(21) ? "coredns/coredns" : name;
  }

  /**
   * An image as kubeadm lists it ({@code <NODE_REPOSITORY>/<name>:<tag>}); empty for a reference
   * outside that repository.
   */
  public static java.util.Optional<Image> fromNodeRef(String ref, KubernetesVersion version) {
    String prefix = NODE_REPOSITORY + "/";
    int colon = ref.lastIndexOf(':');
    if (!ref.startsWith(prefix) || colon < prefix.length()) {
      return java.util.Optional.empty();
    }
    String name = ref.substring(prefix.length(), colon);
    String component = name.endsWith("-amd64") ? name.substring(0, name.length() - "-amd64".length()) : name;
    return java.util.Optional.of(new Image(name, ref.substring(colon + 1), upstreamPath(name, version),
        RELEASE_TARBALL_IMAGES.contains(component)));
  }

  /**
   * The images only a master runs (etcd and the three control-plane components, by name with or
   * without {@code -amd64}). A node image keeps them in {@code control-plane-images.tar}, which a
   * worker's boot does not load; {@code scripts/node-image/components.sh} splits the same way.
   */
  public static boolean isControlPlane(String name) {
    return List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler").contains(name.replace("-amd64", ""));
  }

  /** True for the pod sandbox image ({@code pause}, or {@code pause-amd64} for kubeadm before 1.11). */
  public static boolean isPause(String name) {
    return name.replace("-amd64", "").equals("pause");
  }

  /** True for the images of the DNS add-on (CoreDNS, or kube-dns's three). */
  public static boolean isDnsAddon(String name) {
    return name.equals("coredns") || name.startsWith("k8s-dns-");
  }

  private static Row row(KubernetesVersion version) {
    Row chosen = ROWS.get(0);
    for (Row row : ROWS) {
      if (version.atLeast(row.minor())) {
        chosen = row;
      }
    }
    return chosen;
  }

  /** The newest minor the table knows; newer versions reuse its tags (kubeadm's own list wins at build time). */
  public static int newestKnownMinor() {
    return ROWS.get(ROWS.size() - 1).minor();
  }
}
