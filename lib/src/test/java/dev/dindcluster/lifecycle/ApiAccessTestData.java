package dev.dindcluster.lifecycle;

/** Test data shared by tests of the ways to the API server. */
public final class ApiAccessTestData {
  private ApiAccessTestData() {}

  // kubeadm's admin.conf layout, with shortened data.
  public static final String ADMIN_CONF = String.join("\n",
      "apiVersion: v1",
      "clusters:",
      "- cluster:",
      "    certificate-authority-data: Q0EtREFUQQ==",
      "    server: https://10.192.5.2:6443",
      "  name: kubernetes",
      "contexts:",
      "- context:",
      "    cluster: kubernetes",
      "    user: kubernetes-admin",
      "  name: kubernetes-admin@kubernetes",
      "current-context: kubernetes-admin@kubernetes",
      "kind: Config",
      "users:",
      "- name: kubernetes-admin",
      "  user:",
      "    client-certificate-data: Q0VSVA==",
      "    client-key-data: S0VZ",
      "");
}
