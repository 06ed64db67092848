package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.kube.KubeconfigEntry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeletCredentialsTest {
  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  private final KubeconfigEntry issued = new KubeconfigEntry("kube-node-1", "https://[fd00::2]:6443", b64("CA\n"),
      b64("-----BEGIN CERTIFICATE-----\nCERT\n-----END CERTIFICATE-----"),
      b64("-----BEGIN RSA PRIVATE KEY-----\nKEY\n-----END RSA PRIVATE KEY-----\n"));

  @Test
  void thePairIsOnePemFileCertificateFirstEachEndingInANewline() {
    assertThat(new String(KubeletCredentials.pem(issued), StandardCharsets.US_ASCII)).isEqualTo(
        "-----BEGIN CERTIFICATE-----\nCERT\n-----END CERTIFICATE-----\n"
            + "-----BEGIN RSA PRIVATE KEY-----\nKEY\n-----END RSA PRIVATE KEY-----\n");
  }

  @Test
  @SuppressWarnings("unchecked")
  void kubeletConfNamesTheCurrentPairByPathAndCarriesNoKey() throws Exception {
    String conf = KubeletCredentials.kubeletConf(issued);
    assertThat(conf).doesNotContain(issued.clientKeyData()).doesNotContain(issued.clientCertificateData());
    Map<String, Object> doc = new ObjectMapper(new YAMLFactory()).readValue(conf, Map.class);
    assertThat(doc).containsEntry("current-context", "default-context").containsEntry("kind", "Config");
    Map<String, Object> cluster = (Map<String, Object>) first(doc, "clusters", "default-cluster").get("cluster");
    assertThat(cluster).containsEntry("server", "https://[fd00::2]:6443").containsEntry("certificate-authority-data", b64("CA\n"));
    assertThat((Map<String, Object>) first(doc, "users", "default-auth").get("user"))
        .containsEntry("client-certificate", "/var/lib/kubelet/pki/kubelet-client-current.pem")
        .containsEntry("client-key", "/var/lib/kubelet/pki/kubelet-client-current.pem");
    assertThat((Map<String, Object>) first(doc, "contexts", "default-context").get("context"))
        .containsEntry("cluster", "default-cluster").containsEntry("user", "default-auth");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> first(Map<String, Object> doc, String list, String name) {
    return ((java.util.List<Map<String, Object>>) doc.get(list)).stream()
        .filter(m -> name.equals(m.get("name"))).findFirst().orElseThrow();
  }

  @Test
  void thePairIsNamedAsKubeletsStoreNamesItInUtc() {
    assertThat(KubeletCredentials.pemName(Instant.parse("2026-12-03T05:38:22.465Z")))
        .isEqualTo("kubelet-client-2026-12-03-05-38-22.pem");
  }

  @Test
  void theMasterIssuesIntoAPrivateTemporaryDirectoryAndRemovesIt() {
    String script = KubeletCredentials.issueCommand("/etc/kubeadm.yaml", "kube-node-1-cluster-2").get(2);
    assertThat(script).startsWith("d=$(mktemp -d) && kubeadm init phase kubeconfig kubelet --config /etc/kubeadm.yaml"
        + " --node-name 'kube-node-1-cluster-2' --kubeconfig-dir \"$d\" >/dev/null && cat \"$d/kubelet.conf\"")
        .contains("rm -rf \"$d\"").endsWith("exit $s");
  }
}
