package dev.dindcluster.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The original's CIDR-list rules shared by MGMT_CIDRS and POD_NETWORK_CIDR:
 * split on commas and/or spaces, the count allowed per mode, family checks, defaults filled in
 * and IPv4 first. Works on the texts because the management network's cluster-id injection
 * looks at how a CIDR was written.
 */
public final class CidrLists {
  private CidrLists() {}

  /** Entries of a list written with commas and/or spaces; empty entries are dropped. */
  public static List<String> split(String text) {
    if (text == null) {
      return List.of();
    }
    return Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * @param defaults the default CIDR text per family of the mode
   * @return one CIDR text per family of the mode, IPv4 first
   * @throws IllegalArgumentException saying what the mode allows
   */
  public static List<String> arrange(List<String> entries, IpMode mode, Map<IpFamily, String> defaults) {
    List<IpFamily> families = mode.families();
    if (entries.size() > families.size()) {
      throw new IllegalArgumentException(
          mode == IpMode.DUAL_STACK
              ? "at most two CIDRs (one IPv4, one IPv6) in dual-stack mode, got " + entries.size()
              : "a single " + families.get(0).displayName + " CIDR in " + mode + " mode, got "
                  + entries.size());
    }
    List<String> result = new ArrayList<>();
    for (IpFamily family : families) {
      List<String> ofFamily =
          entries.stream().filter(e -> IpFamily.guess(e) == family).toList();
      if (ofFamily.size() > 1) {
        throw new IllegalArgumentException(
            "one IPv4 and one IPv6 CIDR in dual-stack mode, got two " + family.displayName + " CIDRs");
      }
      result.add(ofFamily.isEmpty() ? defaults.get(family) : ofFamily.get(0));
    }
    if (mode != IpMode.DUAL_STACK && entries.size() == 1 && IpFamily.guess(entries.get(0)) != families.get(0)) {
      throw new IllegalArgumentException(
          "an " + families.get(0).displayName + " CIDR in " + mode + " mode");
    }
    return result;
  }
}
