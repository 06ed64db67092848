package dev.dindcluster.release;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checksum files upstream publishes beside a release tarball, strongest first. Which ones a
 * release has depends on when it was built: {@code .sha256} from August 2019, {@code .sha512} from
 * late 2018, before that only {@code .sha1} and {@code .md5}. Each holds the bare hex digest;
 * {@code sha256sum}-style output (digest, then the file's name) is accepted too.
 */
enum PublishedChecksum {
  SHA256("sha256", "SHA-256", 64, false),
  SHA512("sha512", "SHA-512", 128, false),
  SHA1("sha1", "SHA-1", 40, true),
  MD5("md5", "MD5", 32, true);

  /** The file name's suffix and the cache entry's prefix. */
  final String suffix;
  /** The JDK's name for the digest. */
  final String algorithm;
  /** Collisions can be made for it: a match proves an intact download, not much more. */
  final boolean weak;
  private final Pattern digest;
  private final int hexDigits;

  PublishedChecksum(String suffix, String algorithm, int hexDigits, boolean weak) {
    this.suffix = suffix;
    this.algorithm = algorithm;
    this.weak = weak;
    this.hexDigits = hexDigits;
    this.digest = Pattern.compile("^\\s*([0-9a-fA-F]{" + hexDigits + "})(\\s|$)");
  }

  /** Where this checksum of {@code tarball} is published. */
  URI beside(URI tarball) {
    return URI.create(tarball + "." + suffix);
  }

  /** The digest a checksum file holds, lower case. */
  Optional<String> digestIn(String text) {
    Matcher m = digest.matcher(text);
    return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  String describeDigest() {
    return "a " + algorithm + " digest (" + hexDigits + " hex digits)";
  }

  /** ".sha256, .sha512, .sha1, .md5": the files looked for, in order. */
  static String suffixes() {
    return String.join(", ", java.util.Arrays.stream(values()).map(c -> "." + c.suffix).toList());
  }
}
