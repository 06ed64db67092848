package dev.dindcluster.runtime;

import dev.dindcluster.dump.Redactor;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a command run in a container printed and how it exited. */
public record ExecResult(int exitCode, String stdout, String stderr) {
  public ExecResult {
    stdout = stdout == null ? "" : stdout;
    stderr = stderr == null ? "" : stderr;
  }

  public boolean ok() {
    return exitCode == 0;
  }

  /**
   * This result if the command succeeded, else a failure naming the command and container with the
   * tail of its output: what a user needs to see when a step fails.
   */
  public ExecResult orThrow(String container, ExecRequest request) {
    if (ok()) {
      return this;
    }
    throw new RuntimeFailure("exec in '" + container + "': '" + request.display() + "' exited with "
        + exitCode + tail(20));
  }

  /**
   * The last {@code lines} lines of stdout and stderr, each prefixed, or "" when both are empty;
   * redacted like dumps (kubeadm init prints the bootstrap token, and this text lands in CI logs).
   */
  public String tail(int lines) {
    String out = lastLines(redacted(stdout), lines, "  | ");
    String err = lastLines(redacted(stderr), lines, "  ! ");
    return out.isEmpty() && err.isEmpty() ? "" : "\n" + out + err;
  }

  private static String redacted(String text) {
    Redactor redactor = new Redactor();
    return text.lines().map(redactor::line).collect(Collectors.joining("\n"));
  }

  private static String lastLines(String text, int lines, String prefix) {
    String[] all = text.strip().isEmpty() ? new String[0] : text.strip().split("\n");
    return Arrays.stream(all, Math.max(0, all.length - lines), all.length)
        .map(line -> prefix + line + "\n")
        .collect(Collectors.joining());
  }
}
