package dev.dindcluster.runtime.docker;

import static dev.dindcluster.runtime.docker.DockerCalls.call;


import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Version;
import dev.dindcluster.runtime.ContainerInfo;
import dev.dindcluster.runtime.EngineInfo;
import dev.dindcluster.runtime.ExecRequest;
import dev.dindcluster.runtime.ExecResult;
import dev.dindcluster.runtime.NetworkInfo;
import dev.dindcluster.runtime.NetworkSpec;
import dev.dindcluster.runtime.NodeRuntime;
import dev.dindcluster.runtime.NodeSpec;
import dev.dindcluster.runtime.NotFoundFailure;
import dev.dindcluster.runtime.PublishedPort;
import dev.dindcluster.runtime.RestrictedHost;
import dev.dindcluster.runtime.RuntimeFailure;
import dev.dindcluster.runtime.VolumeInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@link NodeRuntime} on a Docker engine through docker-java (httpclient5 transport). */
public final class DockerNodeRuntime implements NodeRuntime {
  private final DockerClient docker;
  private final String dockerHost;
  private final Map<String, String> env;
  private final Path procSelfStatus;
  private final DockerNetworks networks;
  private final DockerVolumes volumes;
  private final DockerCopies copies;

  DockerNodeRuntime(DockerClient docker, String dockerHost, Map<String, String> env, Path procSelfStatus) {
    this.docker = docker;
    this.dockerHost = dockerHost;
    this.env = Map.copyOf(env);
    this.procSelfStatus = procSelfStatus;
    this.networks = new DockerNetworks(docker);
    this.volumes = new DockerVolumes(docker);
    this.copies = new DockerCopies(docker);
  }

  /** A runtime for the engine named by {@code DOCKER_HOST} in {@code env} (default the local socket). */
  public static DockerNodeRuntime fromEnv(Map<String, String> env) {
    return new DockerNodeRuntime(DockerClients.create(env), DockerClients.dockerHost(env), env,
        Path.of("/proc/self/status"));
  }

  @Override
  public EngineInfo engineInfo() {
    Version version;
    try {
      version = docker.versionCmd().exec();
    } catch (RuntimeException e) {
      throw new RuntimeFailure("docker engine at " + dockerHost + ": " + DockerCalls.describe(e)
          + " (is dockerd running and DOCKER_HOST right?)", e);
    }
    return new EngineInfo(version.getVersion(), version.getApiVersion(),
        RestrictedHost.decide(env, procSelfStatus), cgroupVersion());
  }

  private int cgroupVersion() {
    try {
      // One field of /info: read from its JSON, not through docker-java's Info model (see getJson).
      String reported = DockerClients.getJson(docker, "/info").path("CgroupVersion").asText("");
      return reported.isBlank() ? 0 : Integer.parseInt(reported.strip());
    } catch (RuntimeException e) {
      return 0; // an engine that does not say: no version-specific refusal
    }
  }

  @Override
  public Optional<Map<String, String>> imageLabels(String image) {
    try {
      var inspect = docker.inspectImageCmd(image).exec();
      Map<String, String> labels = inspect.getConfig() == null ? null : inspect.getConfig().getLabels();
      return Optional.of(labels == null ? Map.of() : labels);
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw new RuntimeFailure("inspect image '" + image + "': " + DockerCalls.describe(e), e);
    }
  }

  @Override
  public void saveImage(String image, OutputStream out) {
    DockerCalls.run("save image", image, () -> {
      try (InputStream tar = docker.saveImageCmd(image).exec()) {
        tar.transferTo(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public void saveImages(List<String> images, OutputStream out) {
    DockerCalls.run("save images", String.join(" ", images), () -> {
      var cmd = docker.saveImagesCmd();
      for (String image : images) {
        ImageReference ref = ImageReference.parse(image);
        cmd = cmd.withImage(ref.repository(), ref.tag());
      }
      try (InputStream tar = cmd.exec()) {
        tar.transferTo(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public void loadImage(InputStream tar) {
    DockerCalls.run("load image", "tar stream", () -> docker.loadImageCmd(tar).exec());
  }

  @Override
  public void tagImage(String image, String newName) {
    ImageReference ref = ImageReference.parse(newName);
    DockerCalls.run("tag image", image + " as " + newName, () -> docker.tagImageCmd(image, ref.repository(), ref.tag()).exec());
  }

  @Override
  public void pullImage(String image, Duration timeout) {
    DockerCalls.run("pull image", image, () -> {
      try {
        if (!docker.pullImageCmd(image).exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<>())
            .awaitCompletion(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
          throw new RuntimeFailure("pull image " + image + ": no answer within " + timeout.toSeconds() + " s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RuntimeFailure("pull image " + image + ": interrupted", e);
      }
    });
    if (imageLabels(image).isEmpty()) {
      throw new RuntimeFailure("pull image " + image + ": the registry did not deliver it");
    }
  }

  @Override
  public void pushImage(String image, Duration timeout) {
    DockerCalls.run("push image", image, () -> {
      // The engine reports a refused push as an item of the stream, not as an HTTP error.
      String[] error = {null};
      var callback = new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.PushResponseItem>() {
        @Override
        public void onNext(com.github.dockerjava.api.model.PushResponseItem item) {
          if (item.getErrorDetail() != null && error[0] == null) {
            error[0] = item.getErrorDetail().getMessage();
          }
        }
      };
      try {
        if (!docker.pushImageCmd(image).exec(callback).awaitCompletion(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
          throw new RuntimeFailure("push image " + image + ": no answer within " + timeout.toSeconds() + " s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RuntimeFailure("push image " + image + ": interrupted", e);
      }
      if (error[0] != null) {
        throw new RuntimeFailure("push image " + image + ": " + error[0]);
      }
    });
  }

  @Override
  public boolean removeImage(String image) {
    try {
      DockerCalls.run("remove image", image, () -> docker.removeImageCmd(image).exec());
      return true;
    } catch (NotFoundFailure e) {
      return false;
    }
  }

  @Override
  public void buildImage(InputStream contextTar, String tag) {
    DockerCalls.run("build image", tag, () -> docker.buildImageCmd(contextTar).withTags(java.util.Set.of(tag))
        .withRemove(true).withForcerm(true).exec(new com.github.dockerjava.api.command.BuildImageResultCallback())
        .awaitImageId());
  }

  @Override
  public boolean createNetworkIfAbsent(NetworkSpec spec) {
    return networks.createIfAbsent(spec);
  }

  @Override
  public Optional<NetworkInfo> findNetwork(String name) {
    return networks.find(name);
  }

  @Override
  public List<NetworkInfo> networksWithLabel(String labelFilter) {
    return networks.withLabel(labelFilter);
  }

  @Override
  public boolean removeNetwork(String name) {
    return networks.remove(name);
  }

  @Override
  public void connectNetwork(String container, String network) {
    networks.connect(container, network);
  }

  @Override
  public void createVolume(String name, Map<String, String> labels) {
    volumes.create(name, labels);
  }

  @Override
  public Optional<VolumeInfo> findVolume(String name) {
    return volumes.find(name);
  }

  @Override
  public List<VolumeInfo> volumesWithLabel(String labelFilter) {
    return volumes.withLabel(labelFilter);
  }

  @Override
  public boolean removeVolume(String name) {
    return volumes.remove(name);
  }

  @Override
  public String createContainer(NodeSpec spec) {
    return call("create container", spec.name(), () -> ContainerCreation.command(docker, spec).exec().getId());
  }

  @Override
  public void startContainer(String name) {
    DockerCalls.run("start container", name, () -> docker.startContainerCmd(name).exec());
  }

  /** The engine's StartedAt, or null when never started (it says 0001-01-01T00:00:00Z) or unreadable. */
  static java.time.Instant startedAt(String text) {
    if (text == null || text.startsWith("0001-")) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  @Override
  public Optional<ContainerInfo> findContainer(String name) {
    try {
      InspectContainerResponse inspect = call("inspect container", name, () -> docker.inspectContainerCmd(name).exec());
      String actual = inspect.getName().startsWith("/") ? inspect.getName().substring(1) : inspect.getName();
      if (!actual.equals(name)) {
        return Optional.empty(); // matched an id prefix, not the name
      }
      Map<String, String> labels = inspect.getConfig().getLabels();
      return Optional.of(new ContainerInfo(inspect.getId(), actual, inspect.getConfig().getImage(),
          inspect.getState().getStatus(), labels == null ? Map.of() : labels, startedAt(inspect.getState().getStartedAt())));
    } catch (NotFoundFailure e) {
      return Optional.empty();
    }
  }

  @Override
  public List<ContainerInfo> containersWithLabel(String labelFilter, boolean includeStopped) {
    List<Container> containers = call("list containers with label", labelFilter, () ->
        docker.listContainersCmd().withShowAll(includeStopped).withFilter("label", List.of(labelFilter)).exec());
    return containers.stream().map(DockerNodeRuntime::info).collect(Collectors.toList());
  }

  private static ContainerInfo info(Container container) {
    String name = Arrays.stream(container.getNames()).findFirst().orElse(container.getId());
    return new ContainerInfo(container.getId(), name.startsWith("/") ? name.substring(1) : name,
        container.getImage(), container.getState(),
        container.getLabels() == null ? Map.of() : container.getLabels());
  }

  @Override
  public Optional<PublishedPort> publishedPort(String container, int containerPort) {
    InspectContainerResponse inspect = call("inspect container", container, () -> docker.inspectContainerCmd(container).exec());
    Ports ports = inspect.getNetworkSettings() == null ? null : inspect.getNetworkSettings().getPorts();
    Ports.Binding[] bindings = ports == null ? null : ports.getBindings().get(ExposedPort.tcp(containerPort));
    if (bindings == null || bindings.length == 0 || bindings[0].getHostPortSpec() == null) {
      return Optional.empty();
    }
    return Optional.of(new PublishedPort(bindings[0].getHostIp(), Integer.parseInt(bindings[0].getHostPortSpec())));
  }

  @Override
  public void stopContainer(String name, Duration timeout) {
    try {
      DockerCalls.run("stop container", name, () -> docker.stopContainerCmd(name).withTimeout((int) timeout.toSeconds()).exec());
    } catch (RuntimeFailure e) {
      if (!(e.getCause() instanceof NotModifiedException)) {
        throw e; // 304 means it was already stopped: that is what we wanted
      }
    }
  }

  @Override
  public boolean removeContainer(String name) {
    try {
      docker.removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw new RuntimeFailure("remove container '" + name + "': " + DockerCalls.describe(e), e);
    }
  }

  @Override
  public ExecResult exec(String container, ExecRequest request) {
    return DockerExec.run(docker, container, request);
  }

  @Override
  public int execStreaming(String container, ExecRequest request, java.io.OutputStream out) {
    return DockerExec.stream(docker, container, request, out);
  }

  @Override
  public void copyInto(String container, Path source, String containerDir) {
    copies.copyInto(container, source, containerDir);
  }

  @Override
  public void commitContainer(String container, String image, Map<String, String> labels, List<String> command) {
    ImageReference ref = ImageReference.parse(image);
    DockerCalls.run("commit", container + " as " + image, () -> {
      var commit = docker.commitCmd(container).withRepository(ref.repository()).withTag(ref.tag()).withLabels(labels);
      if (!command.isEmpty()) {
        commit.withCmd(command.toArray(String[]::new));
      }
      commit.exec();
    });
  }

  @Override
  public void writeFile(String container, String containerPath, byte[] content, int mode) {
    copies.writeFile(container, containerPath, content, mode);
  }

  @Override
  public byte[] readFile(String container, String containerPath) {
    return copies.readFile(container, containerPath);
  }

  @Override
  public String logs(String container) {
    OutputCapture output = new OutputCapture(true);
    DockerCalls.run("logs of container", container, () -> {
      try {
        docker.logContainerCmd(container).withStdOut(true).withStdErr(true).exec(output).awaitCompletion();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RuntimeFailure("logs of container '" + container + "': interrupted", e);
      }
    });
    return output.stdout();
  }

  @Override
  public void close() {
    try {
      docker.close();
    } catch (IOException e) {
      throw new UncheckedIOException("close docker client", e);
    }
  }
}
