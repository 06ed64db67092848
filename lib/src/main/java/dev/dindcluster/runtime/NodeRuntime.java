package dev.dindcluster.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every container side effect the lifecycle makes, behind one interface (kind's provider seam), so
 * the lifecycle can be tested for ordering and cleanup against a fake. Objects are addressed by
 * name. Label filters use the engine's syntax: {@code key} (any value) or {@code key=value}.
 * Failures are {@link RuntimeFailure}s naming the operation and object; a missing object is a
 * {@link NotFoundFailure}.
 */
public interface NodeRuntime extends AutoCloseable {

  EngineInfo engineInfo();

  // --- images

  /** The image's labels, or empty when the image is not present locally (nothing is pulled). */
  Optional<Map<String, String>> imageLabels(String image);

  default boolean imageExists(String image) {
    return imageLabels(image).isPresent();
  }

  /** Writes the image as a {@code docker save} tar. */
  void saveImage(String image, OutputStream out);

  /**
   * Writes several images as one {@code docker save} tar (layers they share are written once).
   * Engines that cannot do that save a single image only.
   */
  default void saveImages(java.util.List<String> images, OutputStream out) {
    if (images.size() != 1) {
      throw new UnsupportedOperationException("this runtime saves one image at a time, not " + images);
    }
    saveImage(images.get(0), out);
  }

  /** Loads a {@code docker save} tar into the engine. */
  void loadImage(InputStream tar);

  /** Gives a present image another name ({@code repository:tag}). */
  void tagImage(String image, String newName);

  /**
   * Pulls an image from its registry: the release builder's component images from DIND_REGISTRY,
   * and a missing node image from the registry the user named. Nodes never pull.
   */
  void pullImage(String image, java.time.Duration timeout);

  /** Pushes a present image to the registry its name starts with (publish-image). */
  void pushImage(String image, java.time.Duration timeout);

  /** Removes one name of an image (the image too when no name is left); false when there was none. */
  boolean removeImage(String image);

  /** Builds an image from a build-context tar (a Dockerfile at its root) and names it {@code tag}. */
  void buildImage(InputStream contextTar, String tag);

  // --- networks

  /** Creates the network unless one with this name exists; true when it was created. */
  boolean createNetworkIfAbsent(NetworkSpec spec);

  Optional<NetworkInfo> findNetwork(String name);

  List<NetworkInfo> networksWithLabel(String labelFilter);

  /** Removes the network; false when there was none (cleanup is idempotent). */
  boolean removeNetwork(String name);

  /** Attaches a container (created or running) to one more network, with an address the engine picks. */
  void connectNetwork(String container, String network);

  // --- volumes

  /** Creates the volume unless it exists (its labels are then left as they are). */
  void createVolume(String name, Map<String, String> labels);

  Optional<VolumeInfo> findVolume(String name);

  List<VolumeInfo> volumesWithLabel(String labelFilter);

  /** Removes the volume; false when there was none. Fails while a container uses it. */
  boolean removeVolume(String name);

  // --- containers

  /** Creates the container (not started); returns its id. Fails if the name is taken. */
  String createContainer(NodeSpec spec);

  void startContainer(String name);

  /** {@link #createContainer} then {@link #startContainer}; returns the id. */
  default String run(NodeSpec spec) {
    String id = createContainer(spec);
    startContainer(spec.name());
    return id;
  }

  Optional<ContainerInfo> findContainer(String name);

  /** Containers with the label; stopped ones too when {@code includeStopped}. */
  List<ContainerInfo> containersWithLabel(String labelFilter, boolean includeStopped);

  /** Where {@code containerPort}/tcp is published, or empty when it is not (or not running). */
  Optional<PublishedPort> publishedPort(String container, int containerPort);

  /** Stops the container, waiting up to {@code timeout} before the engine kills it. */
  void stopContainer(String name, Duration timeout);

  /**
   * Removes the container (running or not) and its anonymous volumes; named volumes stay. False
   * when there was none.
   */
  boolean removeContainer(String name);

  // --- inside a running container

  /**
   * Runs a command and captures its output and exit code.
   *
   * @throws ExecTimeoutFailure when {@link ExecRequest#timeout} passes first
   */
  ExecResult exec(String container, ExecRequest request);

  default ExecResult exec(String container, String... command) {
    return exec(container, ExecRequest.of(command));
  }

  /**
   * Runs a command and copies its stdout and stderr, merged in arrival order, into {@code out} as
   * they arrive, never holding them whole (a node's journal can be larger than the heap); returns
   * the exit code. This default, for fakes, goes through {@link #exec(String, ExecRequest)}.
   *
   * @throws ExecTimeoutFailure when {@link ExecRequest#timeout} passes first (what arrived stays written)
   * @throws java.io.UncheckedIOException when {@code out} fails
   */
  default int execStreaming(String container, ExecRequest request, java.io.OutputStream out) {
    ExecResult result = exec(container, request);
    try {
      out.write((result.stdout() + result.stderr()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return result.exitCode();
  }

  /**
   * Saves a container's own filesystem (volumes excluded) as the image {@code image}, keeping the
   * container's configuration (entrypoint, labels) and adding {@code labels}; a non-empty {@code
   * command} replaces the container's as the image's default arguments to the entrypoint.
   */
  void commitContainer(String container, String image, Map<String, String> labels, List<String> command);

  /**
   * Copies a host file or directory tree into the container directory {@code containerDir} (which
   * must exist), keeping its base name and file modes.
   */
  void copyInto(String container, Path source, String containerDir);

  /** Writes {@code content} as the file {@code containerPath} (its directory must exist). */
  void writeFile(String container, String containerPath, byte[] content, int mode);

  /** The content of one regular file in the container. */
  byte[] readFile(String container, String containerPath);

  /** The container's output so far (stdout and stderr interleaved as the engine has them). */
  String logs(String container);

  @Override
  void close();
}
