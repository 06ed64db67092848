package dev.dindcluster.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A container described as data before it is created (kind's spirit): everything {@link
 * NodeRuntime#createContainer} needs, nothing it has to look up. Build one with {@link #builder}.
 *
 * @param network the network to attach to, or null for the engine's default bridge
 * @param ipv4 static IPv4 address on {@code network}, or null for one the engine picks
 * @param ipv6 static IPv6 address on {@code network}, or null
 * @param tmpfs mount path to tmpfs options ("" for the defaults)
 * @param stopSignal e.g. {@code SIGRTMIN+3} for systemd, or null for the image's
 * @param devices host device paths mapped to the same path, e.g. {@code /dev/kmsg}
 * @param extraHosts {@code name:ip} lines for /etc/hosts
 * @param command the command (arguments to the image's entrypoint), empty for the image's
 * @param entrypoint the entrypoint instead of the image's, empty for the image's (helper containers
 *     that run a tool in a node image rather than boot it)
 */
public record NodeSpec(
    String name,
    String hostname,
    String image,
    Map<String, String> labels,
    Map<String, String> env,
    String network,
    String ipv4,
    String ipv6,
    List<VolumeMount> mounts,
    Map<String, String> tmpfs,
    List<PortMapping> ports,
    NodeSecurity security,
    String stopSignal,
    boolean cgroupnsPrivate,
    List<String> devices,
    List<String> extraHosts,
    Map<String, String> sysctls,
    List<String> command,
    List<String> entrypoint) {

  public NodeSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(security, "security");
    hostname = hostname == null ? name : hostname;
    labels = Map.copyOf(labels);
    env = Map.copyOf(env);
    mounts = List.copyOf(mounts);
    tmpfs = Map.copyOf(tmpfs);
    ports = List.copyOf(ports);
    devices = List.copyOf(devices);
    extraHosts = List.copyOf(extraHosts);
    sysctls = Map.copyOf(sysctls);
    command = List.copyOf(command);
    entrypoint = List.copyOf(entrypoint);
    if ((ipv4 != null || ipv6 != null) && network == null) {
      throw new IllegalArgumentException("container '" + name + "': a static IP needs a network");
    }
  }

  public static Builder builder(String name, String image) {
    return new Builder(name, image);
  }

  /** Mutable builder; every collection defaults to empty and security to DEFAULT. */
  public static final class Builder {
    private final String name;
    private final String image;
    private String hostname;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private String network;
    private String ipv4;
    private String ipv6;
    private final List<VolumeMount> mounts = new ArrayList<>();
    private final Map<String, String> tmpfs = new LinkedHashMap<>();
    private final List<PortMapping> ports = new ArrayList<>();
    private NodeSecurity security = NodeSecurity.DEFAULT;
    private String stopSignal;
    private boolean cgroupnsPrivate;
    private final List<String> devices = new ArrayList<>();
    private final List<String> extraHosts = new ArrayList<>();
    private final Map<String, String> sysctls = new LinkedHashMap<>();
    private final List<String> command = new ArrayList<>();
    private final List<String> entrypoint = new ArrayList<>();

    private Builder(String name, String image) {
      this.name = name;
      this.image = image;
    }

    public Builder hostname(String value) { hostname = value; return this; }
    public Builder label(String key, String value) { labels.put(key, value); return this; }
    public Builder labels(Map<String, String> values) { labels.putAll(values); return this; }
    public Builder env(String key, String value) { env.put(key, value); return this; }
    public Builder env(Map<String, String> values) { env.putAll(values); return this; }
    public Builder network(String value) { network = value; return this; }
    public Builder ipv4(String value) { ipv4 = value; return this; }
    public Builder ipv6(String value) { ipv6 = value; return this; }
    public Builder mount(String volume, String path) { mounts.add(new VolumeMount(volume, path)); return this; }
    public Builder tmpfs(String path) { tmpfs.put(path, ""); return this; }
    public Builder tmpfs(String path, String options) { tmpfs.put(path, options); return this; }
    public Builder port(PortMapping value) { ports.add(value); return this; }
    public Builder security(NodeSecurity value) { security = value; return this; }
    public Builder stopSignal(String value) { stopSignal = value; return this; }
    public Builder cgroupnsPrivate(boolean value) { cgroupnsPrivate = value; return this; }
    public Builder device(String path) { devices.add(path); return this; }
    public Builder extraHost(String hostAndIp) { extraHosts.add(hostAndIp); return this; }
    public Builder sysctl(String key, String value) { sysctls.put(key, value); return this; }
    public Builder command(String... args) { command.clear(); command.addAll(List.of(args)); return this; }
    public Builder command(List<String> args) { command.clear(); command.addAll(args); return this; }
    public Builder entrypoint(String... args) { entrypoint.clear(); entrypoint.addAll(List.of(args)); return this; }

    public NodeSpec build() {
      return new NodeSpec(name, hostname, image, labels, env, network, ipv4, ipv6, mounts, tmpfs,
          ports, security, stopSignal, cgroupnsPrivate, devices, extraHosts, sysctls, command, entrypoint);
    }
  }
}
