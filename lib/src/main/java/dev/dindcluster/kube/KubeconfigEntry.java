package dev.dindcluster.kube;

import java.util.Objects;

/**
 * One cluster's access as a kubeconfig holds it: a cluster, a user and a context, all called {@code
 * name}, with TLS material as base64 {@code *-data} values (as in kubeadm's admin.conf).
 */
public record KubeconfigEntry(
    String name, String server, String certificateAuthorityData, String clientCertificateData, String clientKeyData) {
  public KubeconfigEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(certificateAuthorityData, "certificateAuthorityData");
    Objects.requireNonNull(clientCertificateData, "clientCertificateData");
    Objects.requireNonNull(clientKeyData, "clientKeyData");
    if (name.isBlank()) {
      throw new IllegalArgumentException("kubeconfig name '" + name + "': must not be blank");
    }
    if (!server.startsWith("https://")) {
      throw new IllegalArgumentException("server '" + server + "': must be an https:// URL (TLS only)");
    }
  }

  /** The same credentials reached at another address, e.g. the published {@code https://127.0.0.1:PORT}. */
  public KubeconfigEntry withServer(String value) {
    return new KubeconfigEntry(name, value, certificateAuthorityData, clientCertificateData, clientKeyData);
  }

  public KubeconfigEntry withName(String value) {
    return new KubeconfigEntry(value, server, certificateAuthorityData, clientCertificateData, clientKeyData);
  }

  /** A standalone kubeconfig with just this entry as its current context. */
  public String toKubeconfigYaml() {
    String n = quote(name);
    return "apiVersion: v1\nkind: Config\n"
        + "clusters:\n- name: " + n + "\n  cluster:\n"
        + "    server: " + quote(server) + "\n"
        + "    certificate-authority-data: " + quote(certificateAuthorityData) + "\n"
        + "users:\n- name: " + n + "\n  user:\n"
        + "    client-certificate-data: " + quote(clientCertificateData) + "\n"
        + "    client-key-data: " + quote(clientKeyData) + "\n"
        + "contexts:\n- name: " + n + "\n  context:\n    cluster: " + n + "\n    user: " + n + "\n"
        + "current-context: " + n + "\n";
  }

  // Double-quoted YAML scalars: safe for any name, URL or base64 text.
  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public String toString() {
    // Never print key material (it ends up in logs and dumps).
    return "KubeconfigEntry[name=" + name + ", server=" + server + "]";
  }
}
