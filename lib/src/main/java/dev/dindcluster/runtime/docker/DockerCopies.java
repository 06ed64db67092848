package dev.dindcluster.runtime.docker;

import static dev.dindcluster.runtime.docker.DockerCalls.call;
import static dev.dindcluster.runtime.docker.DockerCalls.run;

import com.github.dockerjava.api.DockerClient;
import dev.dindcluster.runtime.RuntimeFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Files in and out of containers as tar archives. Streaming stdin into an exec never signals the
 * end with docker-java, so everything goes through the engine's archive API instead.
 */
final class DockerCopies {
  private final DockerClient docker;

  DockerCopies(DockerClient docker) {
    this.docker = docker;
  }

  void copyInto(String container, Path source, String containerDir) {
    String what = source + " to " + container + ":" + containerDir;
    if (!Files.exists(source)) {
      throw new RuntimeFailure("copy '" + what + "': no such file or directory on the host");
    }
    upload(what, container, containerDir, out -> TarArchives.writeTree(source, out));
  }

  void writeFile(String container, String containerPath, byte[] content, int mode) {
    int slash = containerPath.lastIndexOf('/');
    if (slash < 0 || slash == containerPath.length() - 1) {
      throw new IllegalArgumentException("container path '" + containerPath + "': must be an absolute file path");
    }
    String dir = slash == 0 ? "/" : containerPath.substring(0, slash);
    String name = containerPath.substring(slash + 1);
    upload(container + ":" + containerPath, container, dir,
        out -> TarArchives.writeSingle(name, content, mode, out));
  }

  byte[] readFile(String container, String containerPath) {
    String what = container + ":" + containerPath;
    return call("read file", what, () -> {
      try (InputStream tar = docker.copyArchiveFromContainerCmd(container, containerPath).exec()) {
        return TarArchives.readSingle(tar, containerPath);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private interface TarWriter {
    void write(java.io.OutputStream out) throws IOException;
  }

  /** Streams the archive through a pipe so large files (image tars) never sit in memory. */
  private void upload(String what, String container, String containerDir, TarWriter writer) {
    AtomicReference<IOException> writeFailure = new AtomicReference<>();
    try (PipedInputStream in = new PipedInputStream(1 << 16)) {
      PipedOutputStream out = new PipedOutputStream(in);
      Thread producer = new Thread(() -> {
        try (out) {
          writer.write(out);
        } catch (IOException e) {
          writeFailure.set(e);
        }
      }, "tar-writer");
      producer.setDaemon(true);
      producer.start();
      try {
        run("copy", what, () -> docker.copyArchiveToContainerCmd(container)
            .withRemotePath(containerDir)
            .withTarInputStream(in)
            .exec());
      } finally {
        in.close(); // unblocks the producer if the engine stopped reading early
        producer.join();
      }
    } catch (IOException e) {
      throw new RuntimeFailure("copy '" + what + "': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailure("copy '" + what + "': interrupted", e);
    }
    if (writeFailure.get() != null && !"Pipe closed".equals(writeFailure.get().getMessage())) {
      throw new RuntimeFailure("copy '" + what + "': " + writeFailure.get().getMessage(), writeFailure.get());
    }
  }
}
