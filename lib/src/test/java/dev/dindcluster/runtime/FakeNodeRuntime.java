package dev.dindcluster.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An in-memory {@link NodeRuntime} for unit tests of ordering and cleanup. It keeps the engine's
 * rules that matter to a lifecycle (names are unique, a used volume or network cannot be removed,
 * exec needs a running container, removes are idempotent), records every side effect in {@link
 * #journal()}, fails on demand ({@link #failWhen}) and answers execs through {@link #onExec}.
 * Passes the same {@code NodeRuntimeContract} as the real engine.
 */
public final class FakeNodeRuntime implements NodeRuntime {
  private final List<String> journal = new ArrayList<>();
  private final Map<String, byte[]> imageTars = new HashMap<>();
  private final Map<String, Map<String, String>> images = new HashMap<>();
  private final Map<String, Map<String, String>> builtFiles = new HashMap<>();
  private final Map<String, NetworkInfo> networks = new LinkedHashMap<>();
  private final Map<String, VolumeInfo> volumes = new LinkedHashMap<>();
  /** Files on volumes, by volume then path inside it ("/lib/dind/snapshot-ok"): they outlive containers. */
  private final Map<String, Map<String, byte[]>> volumeFiles = new HashMap<>();
  /** Files in committed images (absolute paths), copied into a container's filesystem at creation. */
  private final Map<String, Map<String, byte[]>> imageFiles = new HashMap<>();
  private final Map<String, FakeContainer> containers = new LinkedHashMap<>();
  private final Map<String, List<String>> connected = new HashMap<>();
  private final List<Map.Entry<Predicate<String>, RuntimeFailure>> failures = new ArrayList<>();
  private BiFunction<String, ExecRequest, ExecResult> execHandler = (c, r) -> new ExecResult(0, "", "");
  private boolean restricted;
  private int nextPort = 32768;
  private int nextId = 1;

  private static final class FakeContainer {
    final String id;
    final NodeSpec spec;
    String state = "created";
    java.time.Instant startedAt;
    final Map<String, byte[]> files = new HashMap<>();
    final Map<Integer, PublishedPort> published = new HashMap<>();
    final StringBuilder logs = new StringBuilder();
    /** As the engine: the image's labels, then the container's own over them. */
    final Map<String, String> labels;

    FakeContainer(String id, NodeSpec spec, Map<String, String> imageLabels) {
      this.id = id;
      this.spec = spec;
      Map<String, String> all = new HashMap<>(imageLabels);
      all.putAll(spec.labels());
      this.labels = Map.copyOf(all);
    }

    ContainerInfo info() {
      return new ContainerInfo(id, spec.name(), spec.image(), state, labels, startedAt);
    }
  }

  // --- test controls

  /** Every side effect so far, in order, e.g. {@code "create container kube-master"}. */
  public synchronized List<String> journal() {
    return List.copyOf(journal);
  }

  /** Makes the next operations whose journal line matches fail with {@code failure} (before acting). */
  public synchronized FakeNodeRuntime failWhen(Predicate<String> journalLine, RuntimeFailure failure) {
    failures.add(Map.entry(journalLine, failure));
    return this;
  }

  public synchronized FakeNodeRuntime onExec(BiFunction<String, ExecRequest, ExecResult> handler) {
    execHandler = handler;
    return this;
  }

  public synchronized FakeNodeRuntime restricted(boolean value) {
    restricted = value;
    return this;
  }

  /** Adds a present image with labels (as if built or pulled earlier). */
  public synchronized FakeNodeRuntime addImage(String name, Map<String, String> labels) {
    images.put(name, Map.copyOf(labels));
    return this;
  }

  /** Puts a file on a volume, as a node would have written it ({@code pathInVolume} starts with '/'). */
  public synchronized FakeNodeRuntime putVolumeFile(String volume, String pathInVolume, byte[] content) {
    if (!volumes.containsKey(volume)) {
      throw new NotFoundFailure("put file on volume", volume);
    }
    volumeFiles.computeIfAbsent(volume, v -> new HashMap<>()).put(pathInVolume, content.clone());
    return this;
  }

  /** The spec a container was created from, for assertions on what a lifecycle asked for. */
  public synchronized Optional<NodeSpec> specOf(String container) {
    return Optional.ofNullable(containers.get(container)).map(c -> c.spec);
  }

  public synchronized void appendLogs(String container, String text) {
    existing(container, "logs of container").logs.append(text);
  }

  private void record(String line) {
    for (Map.Entry<Predicate<String>, RuntimeFailure> failure : failures) {
      if (failure.getKey().test(line)) {
        throw failure.getValue();
      }
    }
    journal.add(line);
  }

  private FakeContainer existing(String name, String operation) {
    FakeContainer container = containers.get(name);
    if (container == null) {
      throw new NotFoundFailure(operation, name);
    }
    return container;
  }

  private static boolean matches(Map<String, String> labels, String filter) {
    int eq = filter.indexOf('=');
    return eq < 0 ? labels.containsKey(filter) : filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
  }

  // --- NodeRuntime

  @Override
  public synchronized EngineInfo engineInfo() {
    return new EngineInfo("fake", "1.41", restricted);
  }

  @Override
  public synchronized Optional<Map<String, String>> imageLabels(String image) {
    return Optional.ofNullable(images.get(image));
  }

  @Override
  public synchronized void saveImage(String image, OutputStream out) {
    record("save image " + image);
    byte[] tar = imageTars.get(image);
    if (tar == null) {
      throw new NotFoundFailure("save image", image);
    }
    try {
      out.write(tar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Images a pull can deliver, with their labels (the fake's registry). */
  private final Map<String, Map<String, String>> registry = new HashMap<>();

  public synchronized FakeNodeRuntime addRegistryImage(String name, Map<String, String> labels) {
    registry.put(name, Map.copyOf(labels));
    return this;
  }

  @Override
  public synchronized void saveImages(java.util.List<String> names, OutputStream out) {
    record("save images " + String.join(" ", names));
    for (String name : names) {
      if (!images.containsKey(name)) {
        throw new NotFoundFailure("save images", name);
      }
    }
    try {
      out.write(String.join("\n", names).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every image name present now. */
  public synchronized java.util.Set<String> imageNames() {
    return java.util.Set.copyOf(images.keySet());
  }

  @Override
  public synchronized void tagImage(String image, String newName) {
    record("tag image " + image + " " + newName);
    Map<String, String> labels = images.get(image);
    if (labels == null) {
      throw new NotFoundFailure("tag image", image);
    }
    images.put(newName, labels);
  }

  @Override
  public synchronized void pullImage(String image, java.time.Duration timeout) {
    record("pull image " + image);
    Map<String, String> labels = registry.get(image);
    if (labels == null) {
      throw new RuntimeFailure("pull image " + image + ": not found in the registry");
    }
    images.put(image, labels);
  }

  @Override
  public synchronized void pushImage(String image, java.time.Duration timeout) {
    record("push image " + image);
    Map<String, String> labels = images.get(image);
    if (labels == null) {
      throw new NotFoundFailure("push image", image);
    }
    registry.put(image, labels);
  }

  /** What has been pushed to (or put into) the fake registry. */
  public synchronized java.util.Set<String> registryImages() {
    return java.util.Set.copyOf(registry.keySet());
  }

  @Override
  public synchronized boolean removeImage(String image) {
    record("remove image " + image);
    return images.remove(image) != null;
  }

  @Override
  public synchronized void buildImage(InputStream contextTar, String tag) {
    record("build image " + tag);
    Map<String, String> files = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(contextTar)) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.isFile() && e.getSize() < 4096) { // the small files only: records, not image tars
          files.put(e.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The Dockerfile's LABEL lines (the builders write one label a line: LABEL key="value").
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^LABEL (\\S+)=\"([^\"]*)\"$")
        .matcher(files.getOrDefault("Dockerfile", ""));
    while (m.find()) {
      labels.put(m.group(1), m.group(2));
    }
    builtFiles.put(tag, files);
    images.put(tag, labels);
  }

  /** The small files (under 4 KiB) of the build context an image was built from, by path in the context. */
  public synchronized Map<String, String> builtFiles(String tag) {
    return builtFiles.getOrDefault(tag, Map.of());
  }

  @Override
  public synchronized void loadImage(InputStream tar) {
    record("load image");
    try {
      byte[] bytes = tar.readAllBytes();
      Map<String, byte[]> files = new HashMap<>();
      try (TarArchiveInputStream in = new TarArchiveInputStream(new java.io.ByteArrayInputStream(bytes))) {
        for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          if (e.isFile() && e.getName().endsWith(".json")) {
            files.put(e.getName(), in.readAllBytes());
          }
        }
      }
      ObjectMapper json = new ObjectMapper();
      if (!files.containsKey("manifest.json")) {
        throw new RuntimeFailure("load image 'tar stream': no manifest.json in the archive");
      }
      for (JsonNode image : json.readTree(files.get("manifest.json"))) {
        JsonNode labels = json.readTree(files.get(image.get("Config").asText())).path("config").path("Labels");
        Map<String, String> values = new HashMap<>();
        labels.properties().forEach(f -> values.put(f.getKey(), f.getValue().asText()));
        for (JsonNode tag : image.path("RepoTags")) {
          images.put(tag.asText(), Map.copyOf(values));
          imageTars.put(tag.asText(), bytes);
        }
      }
    } catch (IOException e) {
      throw new RuntimeFailure("load image 'tar stream': " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized boolean createNetworkIfAbsent(NetworkSpec spec) {
    if (networks.containsKey(spec.name())) {
      return false;
    }
    record("create network " + spec.name());
    networks.put(spec.name(), new NetworkInfo("net" + nextId++, spec.name(), spec.labels(), spec.subnets()));
    return true;
  }

  @Override
  public synchronized Optional<NetworkInfo> findNetwork(String name) {
    return Optional.ofNullable(networks.get(name));
  }

  @Override
  public synchronized List<NetworkInfo> networksWithLabel(String labelFilter) {
    return networks.values().stream().filter(n -> matches(n.labels(), labelFilter)).collect(Collectors.toList());
  }

  @Override
  public synchronized void connectNetwork(String container, String network) {
    existing(container, "connect container");
    if (!networks.containsKey(network)) {
      throw new NotFoundFailure("connect " + container + " to network", network);
    }
    record("connect " + container + " to network " + network);
    connected.computeIfAbsent(network, n -> new java.util.ArrayList<>()).add(container);
  }

  /** The containers connected to a network with {@link #connectNetwork} (besides their own). */
  public synchronized List<String> connectedTo(String network) {
    return List.copyOf(connected.getOrDefault(network, List.of()));
  }

  @Override
  public synchronized boolean removeNetwork(String name) {
    if (!networks.containsKey(name)) {
      return false;
    }
    record("remove network " + name);
    if (containers.values().stream().anyMatch(c -> c.state.equals("running")
        && (name.equals(c.spec.network()) || connected.getOrDefault(name, List.of()).contains(c.spec.name())))) {
      throw new RuntimeFailure("remove network '" + name + "': network has active endpoints");
    }
    networks.remove(name);
    connected.remove(name);
    return true;
  }

  @Override
  public synchronized void createVolume(String name, Map<String, String> labels) {
    record("create volume " + name);
    volumes.putIfAbsent(name, new VolumeInfo(name, labels));
  }

  @Override
  public synchronized Optional<VolumeInfo> findVolume(String name) {
    return Optional.ofNullable(volumes.get(name));
  }

  @Override
  public synchronized List<VolumeInfo> volumesWithLabel(String labelFilter) {
    return volumes.values().stream().filter(v -> matches(v.labels(), labelFilter)).collect(Collectors.toList());
  }

  @Override
  public synchronized boolean removeVolume(String name) {
    if (!volumes.containsKey(name)) {
      return false;
    }
    record("remove volume " + name);
    if (containers.values().stream().anyMatch(c -> c.spec.mounts().stream().anyMatch(m -> m.volume().equals(name)))) {
      throw new RuntimeFailure("remove volume '" + name + "': volume is in use");
    }
    volumes.remove(name);
    volumeFiles.remove(name);
    return true;
  }

  @Override
  public synchronized String createContainer(NodeSpec spec) {
    record("create container " + spec.name());
    if (containers.containsKey(spec.name())) {
      throw new RuntimeFailure("create container '" + spec.name() + "': the name is already in use");
    }
    if (!images.containsKey(spec.image())) {
      throw new NotFoundFailure("create container", spec.name() + "' (image '" + spec.image());
    }
    if (spec.network() != null && !networks.containsKey(spec.network())) {
      throw new NotFoundFailure("create container", spec.name() + "' (network '" + spec.network());
    }
    // Like the engine, mounting a volume that does not exist creates it, unlabelled.
    spec.mounts().forEach(m -> volumes.putIfAbsent(m.volume(), new VolumeInfo(m.volume(), Map.of())));
    FakeContainer container = new FakeContainer(String.format("%064x", nextId++), spec, images.get(spec.image()));
    Map<String, byte[]> rootfs = imageFiles.getOrDefault(spec.image(), Map.of());
    for (var file : rootfs.entrySet()) {
      VolumeMount mount = mountOf(container, file.getKey());
      if (mount == null) {
        container.files.put(file.getKey(), file.getValue());
      }
    }
    containers.put(spec.name(), container);
    return container.id;
  }

  @Override
  public synchronized void startContainer(String name) {
    record("start container " + name);
    FakeContainer container = existing(name, "start container");
    container.state = "running";
    container.startedAt = java.time.Instant.now();
    for (PortMapping port : container.spec.ports()) {
      int hostPort = port.hostPort() == 0 ? nextPort++ : port.hostPort();
      container.published.put(port.containerPort(), new PublishedPort(port.hostIp(), hostPort));
    }
  }

  @Override
  public synchronized Optional<ContainerInfo> findContainer(String name) {
    return Optional.ofNullable(containers.get(name)).map(FakeContainer::info);
  }

  @Override
  public synchronized List<ContainerInfo> containersWithLabel(String labelFilter, boolean includeStopped) {
    return containers.values().stream()
        .filter(c -> includeStopped || c.state.equals("running"))
        .filter(c -> matches(c.labels, labelFilter))
        .map(FakeContainer::info)
        .collect(Collectors.toList());
  }

  @Override
  public synchronized Optional<PublishedPort> publishedPort(String container, int containerPort) {
    FakeContainer c = existing(container, "inspect container");
    return c.state.equals("running") ? Optional.ofNullable(c.published.get(containerPort)) : Optional.empty();
  }

  @Override
  public synchronized void stopContainer(String name, Duration timeout) {
    record("stop container " + name);
    FakeContainer container = existing(name, "stop container");
    if (container.state.equals("running")) {
      container.state = "exited";
      container.published.clear();
    }
  }

  @Override
  public synchronized boolean removeContainer(String name) {
    if (!containers.containsKey(name)) {
      return false;
    }
    record("remove container " + name);
    containers.remove(name);
    connected.values().forEach(list -> list.remove(name));
    return true;
  }

  @Override
  public ExecResult exec(String container, ExecRequest request) {
    BiFunction<String, ExecRequest, ExecResult> handler;
    synchronized (this) {
      record("exec " + container + ": " + request.display());
      requireRunning(container, "exec in");
      handler = execHandler;
    }
    // Outside the lock: a handler may block to simulate a slow command (parallel joins).
    return handler.apply(container, request);
  }

  private void requireRunning(String container, String operation) {
    if (!existing(container, operation).state.equals("running")) {
      throw new RuntimeFailure(operation + " '" + container + "': container is not running");
    }
  }

  @Override
  public synchronized void copyInto(String container, Path source, String containerDir) {
    record("copy " + source.getFileName() + " to " + container + ":" + containerDir);
    requireRunning(container, "copy to");
    Path base = source.toAbsolutePath().getParent();
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path path : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
        String relative = base.relativize(path.toAbsolutePath()).toString();
        containers.get(container).files.put(join(containerDir, relative), Files.readAllBytes(path));
      }
    } catch (IOException e) {
      throw new RuntimeFailure("copy '" + source + "': " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void commitContainer(String container, String image, Map<String, String> labels, List<String> command) {
    record("commit " + container + " as " + image + (command.isEmpty() ? "" : " with command " + String.join(" ", command)));
    FakeContainer c = existing(container, "commit");
    Map<String, String> all = new HashMap<>(images.getOrDefault(c.spec.image(), Map.of()));
    all.putAll(c.labels);
    all.putAll(labels);
    images.put(image, Map.copyOf(all));
    Map<String, byte[]> rootfs = new HashMap<>(imageFiles.getOrDefault(c.spec.image(), Map.of()));
    rootfs.putAll(c.files);
    imageFiles.put(image, rootfs);
  }

  @Override
  public synchronized void writeFile(String container, String containerPath, byte[] content, int mode) {
    record("write " + container + ":" + containerPath);
    requireRunning(container, "copy to");
    filesAt(containers.get(container), containerPath).put(pathIn(containers.get(container), containerPath), content.clone());
  }

  @Override
  public synchronized byte[] readFile(String container, String containerPath) {
    FakeContainer c = existing(container, "read file");
    byte[] content = filesAt(c, containerPath).get(pathIn(c, containerPath));
    if (content == null) {
      throw new NotFoundFailure("read file", container + ":" + containerPath);
    }
    return content.clone();
  }

  @Override
  public synchronized String logs(String container) {
    return existing(container, "logs of container").logs.toString();
  }

  @Override
  public void close() {}

  /** The mount a path falls under, the deepest one first (the engine's rule), or null. */
  private static VolumeMount mountOf(FakeContainer c, String path) {
    VolumeMount best = null;
    for (VolumeMount m : c.spec.mounts()) {
      String root = m.containerPath().endsWith("/") ? m.containerPath() : m.containerPath() + "/";
      if (path.startsWith(root) && (best == null || m.containerPath().length() > best.containerPath().length())) {
        best = m;
      }
    }
    return best;
  }

  private Map<String, byte[]> filesAt(FakeContainer c, String path) {
    VolumeMount mount = mountOf(c, path);
    return mount == null ? c.files : volumeFiles.computeIfAbsent(mount.volume(), v -> new HashMap<>());
  }

  private static String pathIn(FakeContainer c, String path) {
    VolumeMount mount = mountOf(c, path);
    return mount == null ? path : path.substring(mount.containerPath().length());
  }

  private static String join(String dir, String relative) {
    return (dir.endsWith("/") ? dir : dir + "/") + relative;
  }

}
