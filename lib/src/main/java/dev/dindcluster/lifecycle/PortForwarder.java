package dev.dindcluster.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** DIND_PORT_FORWARDER: an executable called as {@code <forwarder> <port>} once the API is published. */
final class PortForwarder {
  private PortForwarder() {}

  static void call(String forwarder, int port) {
    if (forwarder == null || forwarder.isEmpty()) {
      return;
    }
    Path path = Path.of(forwarder);
    if (!Files.isExecutable(path)) {
      throw new LifecycleFailure("DIND_PORT_FORWARDER '" + forwarder + "' is not executable.");
    }
    try {
      Process process = new ProcessBuilder(forwarder, Integer.toString(port)).inheritIO()
          .redirectOutput(ProcessBuilder.Redirect.to(new java.io.File("/dev/stderr"))).start();
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
