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
    SectionFilterScriptTest.bothAgree(text); // the same rules in the CI service's Perl filter
    return text(out.toByteArray());
  }

  @Test
  void bootstrapTokens() throws IOException {
    assertThat(redact("kubeadm join 10.192.0.2:6443 --token abcdef.0123456789abcdef --discovery-token-unsafe-skip-ca-verification\n"))
        .isEqualTo("kubeadm join 10.192.0.2:6443 --token <redacted> --discovery-token-unsafe-skip-ca-verification\n");
    assertThat(redact("bootstrap-token-x7k2p9: token-id=x7k2p9,secret=q8w7e6r5t4y3u2i1 (x7k2p9.q8w7e6r5t4y3u2i1)\n"))
        .isEqualTo("bootstrap-token-x7k2p9: token-id=x7k2p9,secret=<redacted> (<redacted>)\n");
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
  void serviceAccountJwtsAnywhere() throws IOException {
    assertThat(redact("I1201 auth.go:42] rejected eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9.eyJpc3MiOiJrdWJlcm5ldGVzIn0.c2lnbmF0dXJl for x\n"))
        .isEqualTo("I1201 auth.go:42] rejected <redacted> for x\n");
  }

  @Test
  void passwordsSecretsAndApiKeysInAnyCase() throws IOException {
    assertThat(redact("    password: hunter2\n    clientSecret: \"abc123\"\n    client-secret: xyz\n"))
        .isEqualTo("    password: <redacted>\n    clientSecret: \"<redacted>\"\n    client-secret: <redacted>\n");
    assertThat(redact("DB_PASSWORD=hunter2 API_KEY=k3y OTHER=visible\n"))
        .isEqualTo("DB_PASSWORD=<redacted> API_KEY=<redacted> OTHER=visible\n");
    assertThat(redact("      secretName: web-tls\n      passwordFile: /etc/pw\n"))
        .isEqualTo("      secretName: web-tls\n      passwordFile: /etc/pw\n");
  }

  @Test
  void blockScalarValuesUnderASecretKey() throws IOException {
    assertThat(redact("data:\n  token: |\n    c2VjcmV0LXRva2Vu\n    bW9yZQ==\n\n  other: visible\nnext: x\n"))
        .isEqualTo("data:\n  token: |\n    <redacted>\n    <redacted>\n\n  other: visible\nnext: x\n");
    assertThat(redact("- password: >-\n    long\n- name: shown\n"))
        .isEqualTo("- password: >-\n    <redacted>\n- name: shown\n");
  }

  @Test
  void basicAuthAndUrlPasswords() throws IOException {
    assertThat(redact("Authorization: Basic dXNlcjpodW50ZXIy\n")).isEqualTo("Authorization: Basic <redacted>\n");
    assertThat(redact("pulling https://robot:hunter2@registry.example/v2/ and http://host/x@y\n"))
        .isEqualTo("pulling https://robot:<redacted>@registry.example/v2/ and http://host/x@y\n");
  }

  @Test
  void base64EncodedPrivateKeysButNotCertificates() throws IOException {
    String key = java.util.Base64.getEncoder().encodeToString(
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n".getBytes());
    String cert = java.util.Base64.getEncoder().encodeToString("-----BEGIN CERTIFICATE-----\nMIIC5zCC\n".getBytes());
    assertThat(redact("  tls.key: " + key + "\n  tls.crt: " + cert + "\n"))
        .isEqualTo("  tls.key: <redacted>\n  tls.crt: " + cert + "\n");
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
