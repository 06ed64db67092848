package dev.dindcluster.naming;

import java.util.regex.Pattern;

/**
 * DIND_LABEL is a Docker label key and, through the suffix, part of node names, which kubeadm and
 * kubelet require to be DNS-1123 labels of at most 63 characters. The longest name made from it is
 * {@code kube-node-254-<label>-<id>}, so a label of at most {@value #MAX_LENGTH} characters of
 * {@code [a-z0-9-]}, starting and ending with a letter or digit, fits every name. The original's
 * default label (with '.' and '_') is accepted as itself only: it never becomes part of a name.
 */
public final class LabelRules {
  /** 63 (DNS-1123 label) - "kube-node-254-".length() - "-254".length(). */
  public static final int MAX_LENGTH = 45;

  public static final String ALLOWED =
      "must be 1.." + MAX_LENGTH + " lower-case letters, digits and '-', starting and ending with a letter or digit"
          + " (it becomes part of node names, which must be DNS-1123 labels of at most 63 characters),"
          + " or the default " + ClusterIdentity.DEFAULT_LABEL;

  private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private LabelRules() {}

  /** A DIND_LABEL value as given: the default, or one that every derived name can carry. */
  public static boolean isValid(String label) {
    return label != null && (label.equals(ClusterIdentity.DEFAULT_LABEL) || (label.length() <= MAX_LENGTH && fitsNames(label)));
  }

  /** Whether {@code label} (a DIND_LABEL, possibly with "-<id>" added: 4 more characters) is valid inside node names. */
  static boolean fitsNames(String label) {
    return label.length() <= MAX_LENGTH + 4 && DNS_1123_LABEL.matcher(label).matches();
  }
}
