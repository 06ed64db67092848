package dev.dindcluster.net;

import java.util.Arrays;

/**
 * How the original made the management network cluster-specific, done on
 * numbers: an IPv4 /24 gets CLUSTER_ID as its third octet; an IPv6 CIDR written as {@code X::/n}
 * gets the decimal id text inserted as one more hextet after X (so id 10 is hextet 0x10, as in
 * the original). Anything else is left as it is.
 */
public final class ClusterIdInjection {
  /** The rule in one line, as the knob table states it. */
  public static final String RULE = "CLUSTER_ID becomes the 3rd octet of a /24 or a hextet after X in X::/n";

  private ClusterIdInjection() {}

  /** The outcome: the CIDR to use and whether the id could be placed in it. */
  public record Result(Cidr cidr, boolean injected) {}

  /** @throws IllegalArgumentException when the text is not a CIDR */
  public static Result inject(String text, int clusterId) {
    Cidr given = Cidr.parse(text);
    if (given.family() == IpFamily.IPV4) {
      if (given.prefixLength() != 24) {
        return new Result(given, false);
      }
      int[] o = given.address().octets();
      IpAddress address = IpAddress.parse(o[0] + "." + o[1] + "." + clusterId + ".0");
      return new Result(new Cidr(address, 24), true);
    }
    String addressText = text.substring(0, text.indexOf('/'));
    if (!addressText.endsWith("::")) {
      return new Result(given, false);
    }
    String head = addressText.substring(0, addressText.length() - 2);
    int[] headHextets = head.isEmpty() ? new int[0] : Arrays.stream(head.split(":")).mapToInt(h -> Integer.parseInt(h, 16)).toArray();
    int[] hextets = new int[8];
    System.arraycopy(headHextets, 0, hextets, 0, headHextets.length);
    // The original inserted the decimal text, which IPv6 then reads as hex: id 10 -> 0x10.
    hextets[headHextets.length] = Integer.parseInt(Integer.toString(clusterId), 16);
    return new Result(new Cidr(IpAddress.ofHextets(hextets), given.prefixLength()), true);
  }
}
