package dev.dindcluster.lifecycle;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * kubeadm's discovery hash: sha256 of the CA certificate's SubjectPublicKeyInfo, so workers verify
 * the API server they join instead of trusting whatever answers (no unsafeSkipCAVerification).
 */
public final class CaCertHash {
  private CaCertHash() {}

  public static String of(String caCertPem) {
    try {
      X509Certificate cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(caCertPem.getBytes(StandardCharsets.US_ASCII)));
      byte[] spki = cert.getPublicKey().getEncoded();
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
    } catch (CertificateException e) {
      throw new IllegalStateException("the master's CA certificate cannot be parsed: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
