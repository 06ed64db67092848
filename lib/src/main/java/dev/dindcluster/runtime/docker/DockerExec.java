package dev.dindcluster.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.model.Frame;
import dev.dindcluster.runtime.ExecRequest;
import dev.dindcluster.runtime.ExecResult;
import dev.dindcluster.runtime.ExecTimeoutFailure;
import dev.dindcluster.runtime.RuntimeFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs one command in a container and captures stdout, stderr and the exit code. */
final class DockerExec {
  private DockerExec() {}

  static ExecResult run(DockerClient docker, String container, ExecRequest request) {
    String execId = create(docker, container, request);
    OutputCapture output = new OutputCapture(false);
    DockerCalls.run("exec in", container, () -> docker.execStartCmd(execId).exec(output));
    boolean finished = await(output, request, container);
    if (!finished) {
      closeQuietly(output);
      throw new ExecTimeoutFailure(container, request, request.timeout(),
          new ExecResult(-1, output.stdout(), output.stderr()));
    }
    return new ExecResult(exitCode(docker, execId, container, request), output.stdout(), output.stderr());
  }

  /** The same with stdout and stderr copied into {@code out} frame by frame; returns the exit code. */
  static int stream(DockerClient docker, String container, ExecRequest request, OutputStream out) {
    String execId = create(docker, container, request);
    OutputCopy output = new OutputCopy(out);
    DockerCalls.run("exec in", container, () -> docker.execStartCmd(execId).exec(output));
    boolean finished = await(output, request, container);
    if (!finished) {
      closeQuietly(output);
      throw new ExecTimeoutFailure(container, request, request.timeout(), new ExecResult(-1, "", ""));
    }
    output.rethrow();
    return exitCode(docker, execId, container, request);
  }

  private static String create(DockerClient docker, String container, ExecRequest request) {
    return DockerCalls.call("exec in", container, () ->
        docker.execCreateCmd(container)
            .withCmd(request.command().toArray(String[]::new))
            .withEnv(request.env().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.toList()))
            .withAttachStdout(true)
            .withAttachStderr(true)
            .exec()
            .getId());
  }

  /** Copies each frame into the caller's stream as it arrives; remembers the first write failure. */
  private static final class OutputCopy extends ResultCallback.Adapter<Frame> {
    private final OutputStream out;
    private IOException failed;

    OutputCopy(OutputStream out) {
      this.out = out;
    }

    @Override
    public synchronized void onNext(Frame frame) {
      byte[] payload = frame.getPayload();
      if (payload == null || failed != null) {
        return;
      }
      try {
        out.write(payload);
      } catch (IOException e) {
        failed = e;
        closeQuietly(this); // stop reading: nowhere to put the rest
      }
    }

    synchronized void rethrow() {
      if (failed != null) {
        throw new UncheckedIOException("writing exec output", failed);
      }
    }
  }

  private static boolean await(ResultCallback.Adapter<Frame> output, ExecRequest request, String container) {
    try {
      if (request.timeout() == null) {
        output.awaitCompletion();
        return true;
      }
      return output.awaitCompletion(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(output);
      throw new RuntimeFailure("exec in '" + container + "': '" + request.display() + "' interrupted", e);
    }
  }

  /** The stream can end a moment before the engine records the exit code, so look again briefly. */
  private static int exitCode(DockerClient docker, String execId, String container, ExecRequest request) {
    for (int attempt = 0; attempt < 50; attempt++) {
      InspectExecResponse inspect =
          DockerCalls.call("inspect exec in", container, () -> docker.inspectExecCmd(execId).exec());
      if (!Boolean.TRUE.equals(inspect.isRunning()) && inspect.getExitCodeLong() != null) {
        return inspect.getExitCodeLong().intValue();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new RuntimeFailure("exec in '" + container + "': '" + request.display() + "': no exit code from the engine");
  }

  private static void closeQuietly(java.io.Closeable output) {
    try {
      output.close();
    } catch (java.io.IOException ignored) {
      // Nothing more to read anyway.
    }
  }
}
