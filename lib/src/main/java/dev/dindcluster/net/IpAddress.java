package dev.dindcluster.net;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address as a number, so that "network + n" is arithmetic rather than the
 * original's text splicing. Parsing is done here (no name resolution ever); {@link #toString()}
 * prints dotted quads or RFC 5952 canonical IPv6.
 */
public record IpAddress(IpFamily family, BigInteger value) implements Comparable<IpAddress> {
  public IpAddress {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(value, "value");
    if (value.signum() < 0 || value.bitLength() > family.bits) {
      throw new IllegalArgumentException(
          "value " + value + " does not fit in an " + family.displayName + " address");
    }
  }

  /** @throws IllegalArgumentException when {@code text} is not a literal IPv4/IPv6 address */
  public static IpAddress parse(String text) {
    Objects.requireNonNull(text, "text");
    return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
  }

  public static IpAddress ofHextets(int... hextets) {
    if (hextets.length != 8) {
      throw new IllegalArgumentException("an IPv6 address has 8 hextets, not " + hextets.length);
    }
    BigInteger v = BigInteger.ZERO;
    for (int h : hextets) {
      if (h < 0 || h > 0xffff) {
        throw new IllegalArgumentException("hextet " + h + " out of range");
      }
      v = v.shiftLeft(16).or(BigInteger.valueOf(h));
    }
    return new IpAddress(IpFamily.IPV6, v);
  }

  private static IpAddress parseV4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw notAnAddress(text);
    }
    long v = 0;
    for (String part : parts) {
      // No leading zeros: "010" is octal to some tools and decimal to others.
      if (!part.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(part) > 255) {
        throw notAnAddress(text);
      }
      v = (v << 8) | Integer.parseInt(part);
    }
    return new IpAddress(IpFamily.IPV4, BigInteger.valueOf(v));
  }

  private static IpAddress parseV6(String text) {
    int doubleColon = text.indexOf("::");
    if (doubleColon != text.lastIndexOf("::") || text.contains(":::")) {
      throw notAnAddress(text);
    }
    String head = doubleColon < 0 ? text : text.substring(0, doubleColon);
    String tail = doubleColon < 0 ? "" : text.substring(doubleColon + 2);
    int[] headGroups = hextets(head, text);
    int[] tailGroups = hextets(tail, text);
    int given = headGroups.length + tailGroups.length;
    if (doubleColon < 0 ? given != 8 : given > 7) {
      throw notAnAddress(text);
    }
    int[] all = new int[8];
    System.arraycopy(headGroups, 0, all, 0, headGroups.length);
    System.arraycopy(tailGroups, 0, all, 8 - tailGroups.length, tailGroups.length);
    return ofHextets(all);
  }

  private static int[] hextets(String part, String whole) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] groups = part.split(":", -1);
    int[] result = new int[groups.length];
    for (int i = 0; i < groups.length; i++) {
      if (!groups[i].matches("[0-9a-fA-F]{1,4}")) {
        throw notAnAddress(whole);
      }
      result[i] = Integer.parseInt(groups[i], 16);
    }
    return result;
  }

  private static IllegalArgumentException notAnAddress(String text) {
    return new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
  }

  /** This address plus {@code n}. @throws IllegalArgumentException past the end of the family */
  public IpAddress plus(BigInteger n) {
    return new IpAddress(family, value.add(n));
  }

  public IpAddress plus(long n) {
    return plus(BigInteger.valueOf(n));
  }

  /** The 8 hextets of an IPv6 address, most significant first. */
  public int[] hextets() {
    if (family != IpFamily.IPV6) {
      throw new IllegalStateException(this + " is not IPv6");
    }
    int[] result = new int[8];
    for (int i = 0; i < 8; i++) {
      result[i] = value.shiftRight(16 * (7 - i)).intValue() & 0xffff;
    }
    return result;
  }

  /** The 4 octets of an IPv4 address. */
  public int[] octets() {
    if (family != IpFamily.IPV4) {
      throw new IllegalStateException(this + " is not IPv4");
    }
    long v = value.longValue();
    return new int[] {(int) (v >> 24) & 255, (int) (v >> 16) & 255, (int) (v >> 8) & 255, (int) v & 255};
  }

  @Override
  public int compareTo(IpAddress other) {
    int byFamily = family.compareTo(other.family);
    return byFamily != 0 ? byFamily : value.compareTo(other.value);
  }

  @Override
  public String toString() {
    if (family == IpFamily.IPV4) {
      int[] o = octets();
      return o[0] + "." + o[1] + "." + o[2] + "." + o[3];
    }
    return canonicalV6(hextets());
  }

  /** RFC 5952: lower case, no leading zeros, the longest run (>= 2) of zero hextets as "::". */
  private static String canonicalV6(int[] h) {
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (h[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && h[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(h[i]));
    }
    return out.toString();
  }
}
