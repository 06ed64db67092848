package dev.dindcluster.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import dev.dindcluster.runtime.ExecRequest;
import dev.dindcluster.runtime.ExecResult;
import dev.dindcluster.runtime.ExecTimeoutFailure;
import dev.dindcluster.runtime.RuntimeFailure;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs one command in a container and captures stdout, stderr and the exit code. */
final class DockerExec {
  private DockerExec() {}

  static ExecResult run(DockerClient docker, String container, ExecRequest request) {
    String execId = DockerCalls.call("exec in", container, () ->
        docker.execCreateCmd(container)
            .withCmd(request.command().toArray(String[]::new))
            .withEnv(request.env().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.toList()))
            .withAttachStdout(true)
            .withAttachStderr(true)
            .exec()
            .getId());
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

  private static boolean await(OutputCapture output, ExecRequest request, String container) {
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

  private static void closeQuietly(OutputCapture output) {
    try {
      output.close();
    } catch (java.io.IOException ignored) {
      // Nothing more to read anyway.
    }
  }
}
