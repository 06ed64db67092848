package dev.dindcluster.lifecycle;

import dev.dindcluster.runtime.PortMapping;

/** EXTRA_PORTS entries ({@code [hostIp:]hostPort:containerPort[/tcp]}, as docker's -p) for workers. */
final class ExtraPorts {
  private ExtraPorts() {}

  static PortMapping parse(String spec) {
    String s = spec.endsWith("/tcp") ? spec.substring(0, spec.length() - 4) : spec;
    if (s.contains("/")) {
      throw new IllegalArgumentException("EXTRA_PORTS entry '" + spec + "': only TCP ports can be published");
    }
    int last = s.lastIndexOf(':');
    if (last < 0) {
      throw new IllegalArgumentException("EXTRA_PORTS entry '" + spec + "': use [hostIp:]hostPort:containerPort");
    }
    int containerPort = Integer.parseInt(s.substring(last + 1));
    String head = s.substring(0, last);
    int sep = head.lastIndexOf(':');
    String hostIp = sep < 0 ? "0.0.0.0" : head.substring(0, sep).replaceAll("^\\[|\\]$", "");
    int hostPort = Integer.parseInt(sep < 0 ? head : head.substring(sep + 1));
    return new PortMapping(hostIp, hostPort, containerPort);
  }
}
