package dev.dindcluster.lifecycle;

import dev.dindcluster.format.DataFormat;
import dev.dindcluster.kube.KubeconfigEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A worker's kubelet client certificate, issued on the master before the worker joins, and laid
 * out on the worker as kubelet's own TLS bootstrap leaves it.
 *
 * <p>Why: kubeadm join starts kubelet and then checks for the bootstrapped kubeconfig only every
 * 5 s, and the bootstrap itself waits for kube-controller-manager to approve and sign the request.
 * With the certificate already there, the check passes at once. The master's kubelet gets its
 * certificate the same way in kubeadm init ({@code init phase kubeconfig kubelet}); the worker's
 * is for {@code system:node:<name>} in {@code system:nodes} as a bootstrapped one would be, and
 * kubelet rotates it through the API as usual.
 */
final class KubeletCredentials {
  static final String PKI_DIR = "/var/lib/kubelet/pki";
  static final String CURRENT_PEM = PKI_DIR + "/kubelet-client-current.pem";
  static final String KUBELET_CONF = "/etc/kubernetes/kubelet.conf";
  /** Written outside /etc/kubernetes (a symlink into the volume, which the archive API does not follow), then moved. */
  static final String STAGED_CONF = "/etc/dind-kubelet.conf";
  private static final DateTimeFormatter PEM_STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);

  private KubeletCredentials() {}

  /**
   * The master's shell command that prints a kubeconfig with a client certificate for {@code node},
   * signed by the cluster CA; nothing is left on the master (the key exists only in the output).
   */
  static List<String> issueCommand(String kubeadmConfig, String node) {
    return List.of("sh", "-c", "d=$(mktemp -d) && kubeadm init phase kubeconfig kubelet --config " + kubeadmConfig
        + " --node-name '" + node + "' --kubeconfig-dir \"$d\" >/dev/null && cat \"$d/kubelet.conf\"; s=$?; rm -rf \"$d\"; exit $s");
  }

  /** kubelet's name for a certificate it stored at {@code when} (the current one is a symlink to it). */
  static String pemName(Instant when) {
    return "kubelet-client-" + PEM_STAMP.format(when) + ".pem";
  }

  /** Certificate and key in one PEM file, as kubelet's certificate store keeps them. */
  static byte[] pem(KubeconfigEntry issued) {
    String cert = new String(Base64.getDecoder().decode(issued.clientCertificateData()), StandardCharsets.US_ASCII);
    String key = new String(Base64.getDecoder().decode(issued.clientKeyData()), StandardCharsets.US_ASCII);
    return (withNewline(cert) + withNewline(key)).getBytes(StandardCharsets.US_ASCII);
  }

  /** kubelet.conf as kubelet writes it after a TLS bootstrap: the CA inline, the client pair by path. */
  static String kubeletConf(KubeconfigEntry issued) {
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("certificate-authority-data", issued.certificateAuthorityData());
    cluster.put("server", issued.server());
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("client-certificate", CURRENT_PEM);
    user.put("client-key", CURRENT_PEM);
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("cluster", "default-cluster");
    context.put("namespace", "default");
    context.put("user", "default-auth");
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "v1");
    doc.put("kind", "Config");
    doc.put("clusters", List.of(Map.of("name", "default-cluster", "cluster", cluster)));
    doc.put("contexts", List.of(Map.of("name", "default-context", "context", context)));
    doc.put("current-context", "default-context");
    doc.put("users", List.of(Map.of("name", "default-auth", "user", user)));
    return DataFormat.YAML.write(doc);
  }

  /** Puts the pair in place (0600, the store's symlink) and moves the staged kubelet.conf in. */
  static List<String> installCommand(String pemName) {
    return List.of("sh", "-c", "ln -sfn " + pemName + " " + CURRENT_PEM
        + " && mkdir -p /etc/kubernetes && mv -f " + STAGED_CONF + " " + KUBELET_CONF);
  }

  private static String withNewline(String text) {
    return text.endsWith("\n") ? text : text + "\n";
  }
}
