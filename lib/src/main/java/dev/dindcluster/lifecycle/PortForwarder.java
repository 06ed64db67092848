package dev.dindcluster.lifecycle;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * DIND_PORT_FORWARDER: an executable called as {@code <forwarder> <port>} once the API is published.
 * It is looked up once, before anything is created ({@link #resolve}), the way a shell would: a name
 * with a '/' relative to the working directory, a bare name on PATH; the call then runs that very file.
 */
final class PortForwarder {
  private PortForwarder() {}

  /**
   * The forwarder's absolute path, or empty when none is set.
   *
   * @param path the PATH to search; the JVM's own, as ProcessBuilder would use
   * @throws IllegalArgumentException (invalid input, exit 2) when it is missing or not executable
   */
  static Optional<Path> resolve(String forwarder, String path) {
    if (forwarder == null || forwarder.isEmpty()) {
      return Optional.empty();
    }
    if (forwarder.contains("/")) {
      Path file = Path.of(forwarder).toAbsolutePath();
      if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
        throw new IllegalArgumentException("DIND_PORT_FORWARDER '" + forwarder + "': " + file
            + (Files.exists(file) ? " is not an executable file" : " does not exist"));
      }
      return Optional.of(file);
    }
    for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path file = Path.of(dir, forwarder).toAbsolutePath();
      if (Files.isRegularFile(file) && Files.isExecutable(file)) {
        return Optional.of(file);
      }
    }
    throw new IllegalArgumentException("DIND_PORT_FORWARDER '" + forwarder + "': no executable of that name on PATH"
        + " (give a path such as ./" + forwarder + " for one in the working directory)");
  }

  /** The JVM's PATH: the one a started process would be looked up on. */
  static Optional<Path> resolve(String forwarder) {
    return resolve(forwarder, System.getenv("PATH"));
  }

  static void call(String forwarder, int port) {
    Optional<Path> resolved = resolve(forwarder);
    if (resolved.isEmpty()) {
      return;
    }
    String program = resolved.get().toString();
    try {
      Process process = new ProcessBuilder(program, Integer.toString(port)).inheritIO()
          .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/stderr"))).start();
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new LifecycleFailure("DIND_PORT_FORWARDER '" + forwarder + " " + port + "' failed"
            + (process.isAlive() ? " (still running after 2 minutes)" : " with exit code " + process.exitValue()));
      }
    } catch (IOException e) {
      throw new LifecycleFailure("DIND_PORT_FORWARDER '" + forwarder + "': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LifecycleFailure("interrupted while running DIND_PORT_FORWARDER", e);
    }
  }
}
