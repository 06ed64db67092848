package dev.dindcluster.net;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** IP_MODE: which families the management and pod networks use. */
public enum IpMode {
  IPV4("ipv4"),
  IPV6("ipv6"),
  DUAL_STACK("dual-stack");

  public final String knobValue;

  IpMode(String knobValue) {
    this.knobValue = knobValue;
  }

  public static Optional<IpMode> fromKnob(String value) {
    return Arrays.stream(values()).filter(m -> m.knobValue.equals(value)).findFirst();
  }

  /** The families this mode uses, IPv4 first. */
  public List<IpFamily> families() {
    return switch (this) {
      case IPV4 -> List.of(IpFamily.IPV4);
      case IPV6 -> List.of(IpFamily.IPV6);
      case DUAL_STACK -> List.of(IpFamily.IPV4, IpFamily.IPV6);
    };
  }

  @Override
  public String toString() {
    return knobValue;
  }
}
