package dev.dindcluster.cli;

/** The process exit codes every command uses; the README's exit-code table is this list. */
public enum ExitCode {
  OK(0, "success"),
  FAILURE(1, "the command failed (engine, kubeadm, I/O, not implemented yet)"),
  INVALID_INPUT(2, "invalid input: bad option or knob value; nothing was created"),
  WRONG_STATE(3, "wrong cluster state: e.g. the cluster is missing, or another run holds it"),
  TIMED_OUT(4, "timed out: 'wait' gave up before the cluster was ready");

  public final int code;
  public final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }
}
