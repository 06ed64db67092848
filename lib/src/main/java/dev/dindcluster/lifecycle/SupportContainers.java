package dev.dindcluster.lifecycle;

import dev.dindcluster.net.Rfc6052;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.LocalRegistryPlan;
import dev.dindcluster.plan.Nat64Plan;
import dev.dindcluster.runtime.NodeSecurity;
import dev.dindcluster.runtime.ContainerInfo;
import dev.dindcluster.runtime.NodeSpec;
import dev.dindcluster.runtime.PortMapping;
import java.time.Duration;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * ipv6 mode's support containers, one pair per cluster: {@code tayga<S>}, the NAT64
 * gateway, and {@code bind9<S>}, the DNS64 server that forwards through it. Both run from one
 * locally built image (scripts/build-support-image) with different commands. They carry
 * {@code dev.dindcluster.support=<label>} instead of the cluster label, so {@code down} keeps them
 * (the same for the local registry, {@code dind-registry<S>})
 * and {@code clean} removes them; a label with the hash of their configuration makes {@code up}
 * replace them when the configuration changed (the original kept stale ones).
 */
public final class SupportContainers {
  public static final String IMAGE = "dind-cluster/support:bookworm";
  static final String CONFIG_LABEL = "dev.dindcluster.support-config";

  private static final Duration SUPPORT_START_TIMEOUT = Duration.ofSeconds(20);

  private SupportContainers() {}

  /** The NAT64 gateway: tayga between the DNS64 prefix and its IPv4 pool on the management network. */
  public static NodeSpec nat64(ClusterPlan plan, NodeSecurity security) {
    Nat64Plan nat64 = nat64Plan(plan);
    Map<String, String> env = new TreeMap<>();
    env.put("NAT64_PREFIX", nat64.dns64PrefixCidr().toString());
    env.put("NAT64_POOL", nat64.v4DynamicPool().toString());
    // The pool's first address is reserved by tayga; the next one is tayga's own.
    env.put("NAT64_IPV4_ADDR", nat64.v4DynamicPool().addressAt(1).toString());
    // The container's own address lies inside the original's pool (.200 in .128/25): keep it out.
    env.put("NAT64_RESERVED", nat64.v4Address().toString());
    return base(plan, nat64.nat64ContainerName(), security, env)
        .ipv4(nat64.v4Address().toString())
        .ipv6(nat64.serverIp().toString())
        .device("/dev/net/tun")
        .sysctl("net.ipv6.conf.all.forwarding", "1")
        .sysctl("net.ipv4.ip_forward", "1")
        .sysctl("net.ipv4.conf.all.proxy_arp", "1")
        .command("dind-nat64")
        .build();
  }

  /** The DNS64 server: bind9 forwarding to REMOTE_DNS64_V4SERVER through the NAT64 gateway. */
  public static NodeSpec dns64(ClusterPlan plan, NodeSecurity security) {
    Nat64Plan nat64 = nat64Plan(plan);
    Map<String, String> env = new TreeMap<>();
    env.put("DNS64_PREFIX", nat64.dns64PrefixCidr().toString());
    env.put("DNS64_FORWARDER", Rfc6052.embed(nat64.dns64PrefixCidr(), nat64.remoteDns64V4Server()).toString());
    env.put("NAT64_GATEWAY", nat64.serverIp().toString());
    env.put("DNS64_USE_AAAA", Boolean.toString(plan.options().allowAaaaUse()));
    return base(plan, nat64.dns64ContainerName(), security, env)
        .ipv6(nat64.dnsServerIp().toString())
        .command("dind-dns64")
        .build();
  }

  private static NodeSpec.Builder base(ClusterPlan plan, String name, NodeSecurity security, Map<String, String> env) {
    return NodeSpec.builder(name, IMAGE)
        .hostname(name)
        .label(ClusterLabels.SUPPORT, plan.label())
        .label(plan.nat64Plan().orElseThrow().supportLabel(), "")
        .label(CONFIG_LABEL, configHash(name, plan, env))
        .network(plan.network().name())
        .env(env)
        .security(security)
        .sysctl("net.ipv6.conf.all.disable_ipv6", "0");
  }

  /** Everything that shapes the container, so a changed knob replaces it. */
  private static String configHash(String name, ClusterPlan plan, Map<String, String> env) {
    Nat64Plan nat64 = plan.nat64Plan().orElseThrow();
    return sha256Prefix(name + '|' + IMAGE + '|' + plan.network().name() + '|' + nat64.serverIp() + '|' + nat64.dnsServerIp()
        + '|' + nat64.v4Address() + '|' + env);
  }

  private static String sha256Prefix(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JDK", e);
    }
  }

  /**
   * The local registry (DIND_LOCAL_REGISTRY_PORT): Debian's docker-registry at its fixed address on
   * the management network, published on host loopback. Images live in the container, so
   * {@code down} keeps them and {@code clean} removes them with it.
   */
  public static NodeSpec registry(ClusterPlan plan) {
    LocalRegistryPlan registry = plan.localRegistryPlan().orElseThrow(() -> new IllegalArgumentException(
        "cluster '" + plan.label() + "' has no local registry (DIND_LOCAL_REGISTRY_PORT is unset)"));
    String text = registry.containerName() + '|' + IMAGE + '|' + plan.network().name() + '|' + registry.address()
        + '|' + registry.ipv6Address() + '|' + registry.hostPort();
    NodeSpec.Builder spec = NodeSpec.builder(registry.containerName(), IMAGE)
        .hostname(registry.containerName())
        .label(ClusterLabels.SUPPORT, plan.label())
        .label(CONFIG_LABEL, sha256Prefix(text))
        .network(plan.network().name())
        .ipv4(registry.address().toString())
        // Loopback only, like the API server: the registry has no authentication.
        .port(new PortMapping("127.0.0.1", registry.hostPort(), LocalRegistryPlan.CONTAINER_PORT))
        // Our configuration (scripts/support-image/registry.yml): Debian's turns on htpasswd auth.
        .command("docker-registry", "serve", "/etc/dind-cluster/registry.yml");
    registry.ipv6().ifPresent(v6 -> spec.ipv6(v6.toString()).sysctl("net.ipv6.conf.all.disable_ipv6", "0"));
    return spec.build();
  }

  private static Nat64Plan nat64Plan(ClusterPlan plan) {
    return plan.nat64Plan().orElseThrow(() -> new IllegalArgumentException(
        "cluster '" + plan.label() + "' is in " + plan.ipMode().knobValue + " mode: DNS64/NAT64 support containers exist in ipv6 mode only"));
  }

  /**
   * Keeps a running container of this cluster with the same configuration; starts a stopped one;
   * replaces one whose configuration changed; refuses to touch a same-named container of someone else.
   */
  static void ensure(ClusterSession s, NodeSpec spec, String readyCheck) {
    Optional<ContainerInfo> existing = s.runtime().findContainer(spec.name());
    if (existing.isPresent()) {
      var labels = existing.get().labels();
      if (!s.plan().label().equals(labels.get(ClusterLabels.SUPPORT))) {
        throw new ClusterStateException("container '" + spec.name() + "' exists but is not labelled "
            + ClusterLabels.SUPPORT + "=" + s.plan().label() + ": it is not ours, so it is left alone; remove or rename it");
      }
      if (spec.labels().get(SupportContainers.CONFIG_LABEL).equals(labels.get(SupportContainers.CONFIG_LABEL))) {
        if (!existing.get().running()) {
          s.runtime().startContainer(spec.name());
        }
        waitStarted(s, spec.name(), readyCheck);
        s.progress().detail("kept " + spec.name());
        return;
      }
      s.progress().detail(spec.name() + ": configuration changed, replacing it");
      s.runtime().removeContainer(spec.name());
    }
    s.runtime().createContainer(spec);
    s.ledger().container(spec.name());
    s.runtime().startContainer(spec.name());
    waitStarted(s, spec.name(), readyCheck);
    s.progress().detail("started " + spec.name());
  }

  private static void waitStarted(ClusterSession s, String name, String readyCheck) {
    Duration timeout = SUPPORT_START_TIMEOUT.compareTo(s.options().readyTimeout()) < 0 ? SUPPORT_START_TIMEOUT : s.options().readyTimeout();
    java.time.Instant deadline = s.clock().instant().plus(timeout);
    while (true) {
      var info = s.runtime().findContainer(name);
      if (info.isEmpty() || !info.get().running()) {
        throw new LifecycleFailure("support container '" + name + "' stopped right after its start; its output:\n"
            + tail(s.runtime().logs(name)));
      }
      if (s.runtime().exec(name, "sh", "-c", readyCheck).ok()) {
        return;
      }
      if (s.clock().instant().isAfter(deadline)) {
        throw new LifecycleFailure("support container '" + name + "' is not ready after " + timeout.toMillis()
            + " ms (check: " + readyCheck + "); its output:\n" + tail(s.runtime().logs(name)));
      }
      try {
        s.sleeper().sleep(Duration.ofMillis(200));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LifecycleFailure("interrupted while waiting for " + name, e);
      }
    }
  }

  private static String tail(String logs) {
    String[] lines = logs.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 15), lines.length));
  }
}
