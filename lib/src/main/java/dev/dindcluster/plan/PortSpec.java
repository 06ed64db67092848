package dev.dindcluster.plan;

import dev.dindcluster.net.IpAddress;
import java.util.Locale;
import java.util.Set;

/**
 * One EXTRA_PORTS entry, docker's {@code -p} syntax for one port: {@code [hostIp:][hostPort:]containerPort[/proto]}.
 * The one parser of that syntax: the plan validates with it, the lifecycle publishes what it returns.
 *
 * @param hostIp the host address to bind ("0.0.0.0" when none is given, as docker does)
 * @param hostPort 1..65535, or 0 to let the engine pick
 * @param protocol tcp, udp or sctp
 */
public record PortSpec(String hostIp, int hostPort, int containerPort, String protocol) {
  private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");
  /**
   * Parses one entry.
   *
   * @throws IllegalArgumentException naming the entry and what is allowed
   */
  public static PortSpec parse(String spec) {
    String rest = spec;
    String protocol = "tcp";
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      protocol = rest.substring(slash + 1).toLowerCase(Locale.ROOT);
      rest = rest.substring(0, slash);
      if (!PROTOCOLS.contains(protocol)) {
        throw new IllegalArgumentException("'" + spec + "': protocol '" + spec.substring(slash + 1) + "' is not one of tcp, udp, sctp");
      }
    }
    String ip = null;
    if (rest.startsWith("[")) {
      int close = rest.indexOf("]:");
      if (close < 0) {
        throw syntax(spec);
      }
      ip = rest.substring(1, close);
      rest = rest.substring(close + 2);
    }
    String[] parts = rest.split(":", -1);
    if (ip == null && parts.length == 3) {
      ip = parts[0];
      parts = new String[] {parts[1], parts[2]};
    }
    if (parts.length > 2 || (ip != null && parts.length != 2)) {
      throw syntax(spec);
    }
    String hostIp = "0.0.0.0";
    if (ip != null) {
      try {
        hostIp = IpAddress.parse(ip).toString();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + spec + "': '" + ip + "' is not an IP address");
      }
    }
    int hostPort = parts.length == 1 || parts[0].isEmpty() ? 0 : port(spec, parts[0], "host");
    int containerPort = port(spec, parts[parts.length - 1], "container");
    return new PortSpec(hostIp, hostPort, containerPort, protocol);
  }

  private static IllegalArgumentException syntax(String spec) {
    return new IllegalArgumentException("'" + spec + "' is not a docker -p spec [ip:][hostPort:]containerPort[/tcp|udp|sctp]");
  }

  private static int port(String spec, String text, String side) {
    if (!text.matches("[0-9-]+")) {
      throw syntax(spec);
    }
    if (text.contains("-")) {
      throw new IllegalArgumentException("'" + spec + "': port ranges (" + text + ") are not supported; list each port as its own entry");
    }
    if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
      throw new IllegalArgumentException("'" + spec + "': " + side + " port '" + text + "' is not in 1..65535");
    }
    return Integer.parseInt(text);
  }
}
