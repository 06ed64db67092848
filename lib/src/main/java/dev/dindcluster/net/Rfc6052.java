package dev.dindcluster.net;

import java.math.BigInteger;
import java.util.Set;

/**
 * IPv4 addresses embedded in a NAT64/DNS64 prefix as RFC 6052 section 2.2 says: the 32 bits follow
 * the prefix, skipping bits 64..71 (the "u" octet) for prefixes shorter than /96. The original
 * pasted the IPv4 text after the prefix text, which is right only for /96.
 */
public final class Rfc6052 {
  /** The prefix lengths RFC 6052 allows. */
  public static final Set<Integer> LENGTHS = Set.of(32, 40, 48, 56, 64, 96);

  private Rfc6052() {}

  public static IpAddress embed(Cidr prefix, IpAddress ipv4) {
    if (prefix.family() != IpFamily.IPV6 || !LENGTHS.contains(prefix.prefixLength())) {
      throw new IllegalArgumentException("'" + prefix + "' is not an RFC 6052 NAT64 prefix (IPv6 /32, /40, /48, /56, /64 or /96)");
    }
    if (ipv4.family() != IpFamily.IPV4) {
      throw new IllegalArgumentException("'" + ipv4 + "' is not an IPv4 address");
    }
    BigInteger result = prefix.network().address().value();
    int length = prefix.prefixLength();
    for (int i = 0; i < 32; i++) {
      int position = length + i; // bit 0 is the most significant
      if (length < 96 && position >= 64) {
        position += 8;
      }
      if (ipv4.value().testBit(31 - i)) {
        result = result.setBit(127 - position);
      }
    }
    return new IpAddress(IpFamily.IPV6, result);
  }
}
