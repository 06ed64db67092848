package dev.dindcluster.plan;

import dev.dindcluster.config.Settings;
import dev.dindcluster.naming.ClusterNaming;
import dev.dindcluster.net.Cidr;
import dev.dindcluster.net.IpAddress;
import dev.dindcluster.net.IpFamily;
import dev.dindcluster.net.IpMode;
import java.math.BigInteger;
import java.util.List;
import java.util.OptionalInt;

/**
 * DIND_LOCAL_REGISTRY_PORT: whether the cluster gets a local registry, and where. The registry takes
 * the last host address of the IPv4 management network (workers fill it from the bottom, so
 * {@link NodeLimits} keeps that address free). IPv6-only clusters are refused: nodes reach the
 * registry by rewriting {@code 127.0.0.1:<port>} to its IPv4 address.
 */
final class LocalRegistryRules {
  static final String KNOB = "DIND_LOCAL_REGISTRY_PORT";

  private LocalRegistryRules() {}

  static boolean requested(Settings settings) {
    return settings.nonEmpty(KNOB).isPresent();
  }

  /** @return the plan, or null when the knob is unset or a problem was recorded */
  static LocalRegistryPlan resolve(Settings settings, IpMode mode, List<Cidr> mgmt, ClusterNaming naming, Findings findings) {
    String value = settings.nonEmpty(KNOB).orElse(null);
    if (value == null) {
      return null;
    }
    OptionalInt port = Numbers.wholeNumber(value, 1, 65535);
    if (port.isEmpty()) {
      findings.problem(KNOB, value, Numbers.rule(1, 65535) + ": the host port of the local registry on 127.0.0.1");
      return null;
    }
    if (mode == IpMode.IPV6) {
      findings.problem(KNOB, value, "needs an IPv4 management network (nodes reach the registry over IPv4):"
          + " use IP_MODE=ipv4 or dual-stack, or copy-image in ipv6 clusters");
      return null;
    }
    if (mgmt == null || naming == null) {
      return null;
    }
    Cidr v4 = mgmt.stream().filter(c -> c.family() == IpFamily.IPV4).findFirst().orElse(null);
    if (v4 == null) {
      return null;
    }
    long offset = lastHostOffset(v4);
    // The same host offset in the IPv6 network: nodes fill both from the bottom, limited by the IPv4 one.
    IpAddress v6 = mgmt.stream().filter(c -> c.family() == IpFamily.IPV6).findFirst().map(c -> c.addressAt(offset)).orElse(null);
    return new LocalRegistryPlan(port.getAsInt(), naming.registryContainerName(), v4.addressAt(offset), v6);
  }

  /** The last host address: below the broadcast address. */
  static long lastHostOffset(Cidr v4) {
    return v4.size().subtract(BigInteger.TWO).longValueExact();
  }
}
