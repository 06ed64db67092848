package dev.dindcluster.net;

import java.math.BigInteger;
import java.util.Objects;

/** An address with a prefix length; "network + n" is real arithmetic. */
public record Cidr(IpAddress address, int prefixLength) {
  public Cidr {
    Objects.requireNonNull(address, "address");
    if (prefixLength < 0 || prefixLength > address.family().bits) {
      throw new IllegalArgumentException(
          "prefix length /" + prefixLength + " is out of range for " + address.family().displayName);
    }
  }

  /** Parses {@code a.b.c.d/n} or {@code x:y::/n}. @throws IllegalArgumentException when malformed */
  public static Cidr parse(String text) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    if (slash < 0 || slash != text.lastIndexOf('/')) {
      throw new IllegalArgumentException("'" + text + "' is not a CIDR (address/prefix-length)");
    }
    IpAddress address = IpAddress.parse(text.substring(0, slash));
    String length = text.substring(slash + 1);
    if (!length.matches("0|[1-9][0-9]{0,2}")
        || Integer.parseInt(length) > address.family().bits) {
      throw new IllegalArgumentException(
          "'" + text + "' has a bad prefix length: " + address.family().displayName
              + " allows /0../" + address.family().bits);
    }
    return new Cidr(address, Integer.parseInt(length));
  }

  public IpFamily family() {
    return address.family();
  }

  /** Number of addresses in the network. */
  public BigInteger size() {
    return BigInteger.ONE.shiftLeft(family().bits - prefixLength);
  }

  private BigInteger hostMask() {
    return size().subtract(BigInteger.ONE);
  }

  /** The same prefix with the host bits cleared. */
  public Cidr network() {
    return new Cidr(new IpAddress(family(), address.value().andNot(hostMask())), prefixLength);
  }

  public boolean hasHostBits() {
    return address.value().and(hostMask()).signum() != 0;
  }

  /** The n-th address of the network (0 = the network address). */
  public IpAddress addressAt(BigInteger n) {
    if (n.signum() < 0 || n.compareTo(size()) >= 0) {
      throw new IllegalArgumentException(
          "offset " + n + " is outside " + this + " (" + size() + " addresses)");
    }
    return network().address().plus(n);
  }

  public IpAddress addressAt(long n) {
    return addressAt(BigInteger.valueOf(n));
  }

  /** A subnet of length {@code newLength} whose index among its siblings is {@code index}. */
  public Cidr subnet(int newLength, long index) {
    if (newLength < prefixLength || newLength > family().bits) {
      throw new IllegalArgumentException("cannot split " + this + " into /" + newLength);
    }
    BigInteger count = BigInteger.ONE.shiftLeft(newLength - prefixLength);
    BigInteger i = BigInteger.valueOf(index);
    if (i.signum() < 0 || i.compareTo(count) >= 0) {
      throw new IllegalArgumentException(
          this + " has only " + count + " subnets of /" + newLength + ", no index " + index);
    }
    BigInteger offset = i.shiftLeft(family().bits - newLength);
    return new Cidr(network().address().plus(offset), newLength);
  }

  /** Whether the two ranges share an address (same family, one holds the other's network address). */
  public boolean overlaps(Cidr other) {
    return family() == other.family() && (contains(other.network().address()) || other.contains(network().address()));
  }

  public boolean contains(IpAddress ip) {
    return ip.family() == family()
        && ip.value().andNot(hostMask()).equals(network().address().value());
  }

  @Override
  public String toString() {
    return address + "/" + prefixLength;
  }
}
