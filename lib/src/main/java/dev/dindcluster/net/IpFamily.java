package dev.dindcluster.net;

/** The two address families; the original told them apart by "contains a colon". */
public enum IpFamily {
  IPV4(32, "IPv4", "ipv4"),
  IPV6(128, "IPv6", "ipv6");

  /** Address width in bits. */
  public final int bits;
  /** How people write the family ("IPv4"). */
  public final String displayName;
  /** How the original's knobs and SERVICE_NET_MODE spell it ("ipv4"). */
  public final String modeName;

  IpFamily(int bits, String displayName, String modeName) {
    this.bits = bits;
    this.displayName = displayName;
    this.modeName = modeName;
  }

  /** The original's rule: anything with a ':' is IPv6. */
  public static IpFamily guess(String text) {
    return text.indexOf(':') >= 0 ? IPV6 : IPV4;
  }
}
