package dev.dindcluster.dump;

import static dev.dindcluster.dump.DumpTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private static String redact(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream filter = Redactor.filter(out)) {
      filter.write(bytes(text));
    }
    return text(out.toByteArray());
  }

  @Test
  void bootstrapTokens() throws IOException {
    assertThat(redact("kubeadm join 10.192.0.2:6443 --token abcdef.0123456789abcdef --discovery-token-unsafe-skip-ca-verification\n"))
        .isEqualTo("kubeadm join 10.192.0.2:6443 --token <redacted> --discovery-token-unsafe-skip-ca-verification\n");
    assertThat(redact("bootstrap-token-x7k2p9: token-id=x7k2p9,secret=q8w7e6r5t4y3u2i1 (x7k2p9.q8w7e6r5t4y3u2i1)\n"))
        .isEqualTo("bootstrap-token-x7k2p9: token-id=x7k2p9,secret=q8w7e6r5t4y3u2i1 (<redacted>)\n");
  }

  @Test
  void pemPrivateKeyBlocks() throws IOException {
    String text = "before\n"
        + "    -----BEGIN RSA PRIVATE KEY-----\n"
        + "    MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
        + "    VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n"
        + "    -----END RSA PRIVATE KEY-----\n"
        + "-----BEGIN CERTIFICATE-----\nMIIC5zCCAc+gAwIBAgIBADANBgkqhkiG9w0BAQsFADAV\n-----END CERTIFICATE-----\n"
        + "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"
        + "{\"key\": \"-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49\\n-----END EC PRIVATE KEY-----\\n\"}\n"
        + "after\n";
    assertThat(redact(text)).isEqualTo("before\n"
        + "    <redacted>\n"
        + "-----BEGIN CERTIFICATE-----\nMIIC5zCCAc+gAwIBAgIBADANBgkqhkiG9w0BAQsFADAV\n-----END CERTIFICATE-----\n"
        + "<redacted>\n"
        + "{\"key\": \"<redacted>\\n\"}\n"
        + "after\n");
  }

  @Test
  void anUnterminatedKeyBlockHidesTheRest() throws IOException {
    assertThat(redact("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nmore\n"))
        .isEqualTo("<redacted>\n");
  }

  @Test
  void kubeconfigValues() throws IOException {
    String kubeconfig = "users:\n- name: admin\n  user:\n"
        + "    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\n"
        + "    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=\n"
        + "    token: eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9.eyJpc3MiOiJrdWJlcm5ldGVzIn0.c2lnbmF0dXJl\n"
        + "- name: oidc\n  user:\n    auth-provider:\n      config:\n        id-token: abc.def.ghi\n"
        + "        refresh-token: \"r3fr3sh\"\n";
    assertThat(redact(kubeconfig)).isEqualTo("users:\n- name: admin\n  user:\n"
        + "    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\n"
        + "    client-key-data: <redacted>\n"
        + "    token: <redacted>\n"
        + "- name: oidc\n  user:\n    auth-provider:\n      config:\n        id-token: <redacted>\n"
        + "        refresh-token: \"<redacted>\"\n");
    assertThat(redact("{\"token\": \"s3cr3t-value\", \"client-key-data\":\"QUJD\"}\n"))
        .isEqualTo("{\"token\": \"<redacted>\", \"client-key-data\":\"<redacted>\"}\n");
    assertThat(redact("Name:  default-token-x7k2p\nData\n====\ntoken:      eyJhbGciOiJSUzI1NiJ9.e30.sig\nca.crt: 1025 bytes\n"))
        .isEqualTo("Name:  default-token-x7k2p\nData\n====\ntoken:      <redacted>\nca.crt: 1025 bytes\n");
  }

  @Test
  void bearerCredentials() throws IOException {
    assertThat(redact("curl -H 'Authorization: Bearer eyJhbGciOi.JSUzI1NiJ9' https://10.192.0.2:6443\n"))
        .isEqualTo("curl -H 'Authorization: Bearer <redacted>' https://10.192.0.2:6443\n");
  }

  @Test
  void ordinaryDumpContentIsUntouched() throws IOException {
    String sample = text(vector("sample-dump.txt"));
    assertThat(redact(sample)).isEqualTo(sample);
    String binary = "\u0000\u00ff\u00e4 bytes\r\nno newline at the end";
    assertThat(redact(binary)).isEqualTo(binary);
  }

  @Test
  void theWriterRedactsByDefaultOnlyWhenAsked() throws IOException {
    String secret = "token: abcdef.0123456789abcdef\n";
    DumpSource source = writer -> {
      writer.header();
      writer.section("kubeadm.log").write(bytes(secret));
      writer.finish();
    };
    ByteArrayOutputStream redacted = new ByteArrayOutputStream();
    DumpPrinter.plain(source, redacted, true);
    assertThat(text(redacted.toByteArray())).endsWith("@@@ kubeadm.log @@@\ntoken: <redacted>\n");
    assertThat(text(plainDump(source))).endsWith("@@@ kubeadm.log @@@\n" + secret);
  }
}
