package dev.dindcluster.lifecycle;

import java.util.random.RandomGenerator;

/** A fresh kubeadm bootstrap token per cluster ([a-z0-9]{6}.[a-z0-9]{16}); never a fixed one. */
public final class BootstrapToken {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private BootstrapToken() {}

  public static String generate(RandomGenerator random) {
    return chars(random, 6) + "." + chars(random, 16);
  }

  /** The token's public id, the part before the dot (kubeadm's signature key names it). */
  public static String id(String token) {
    int dot = token.indexOf('.');
    if (dot != 6) {
      throw new IllegalArgumentException("not a bootstrap token: expected [a-z0-9]{6}.[a-z0-9]{16}");
    }
    return token.substring(0, dot);
  }

  private static String chars(RandomGenerator random, int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }
}
