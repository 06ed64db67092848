package dev.dindcluster.kube;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The user's kubeconfig file: our clusters' entries are merged in and taken out again, with every
 * other cluster, user and context left as it was. Writes hold {@code <file>.lock} (kubectl's
 * convention) and leave the file at mode 0600.
 */
public interface KubeconfigStore {
  /** The file this store writes. */
  Path path();

  /** Adds or replaces the cluster, user and context named {@code entry.name()}. */
  void merge(KubeconfigEntry entry, boolean makeCurrent);

  /**
   * Removes the cluster, user and context named {@code name} (and unsets current-context if it was
   * that one); false when none of them was there.
   */
  boolean remove(String name);

  /** The entry named {@code name} when its context, cluster and user are all present. */
  Optional<KubeconfigEntry> read(String name);

  Optional<String> currentContext();

  List<String> contextNames();

  /**
   * The current context's credentials from another kubeconfig's text (kubeadm's admin.conf),
   * renamed to {@code name}; the server stays as written there.
   */
  KubeconfigEntry entryFrom(String kubeconfigText, String name);
}
