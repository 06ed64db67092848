package dev.dindcluster.cli;

import dev.dindcluster.config.FixedRelease;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process with a given environment and captured streams. */
final class CliHarness {
  static final FixedRelease RELEASE =
      new FixedRelease("dind-cluster-v1.20", "v1.20.2", "dind-cluster/node:v1.20.2");

  record Result(int exitCode, String out, String err) {}

  static Result run(Map<String, String> env, String... args) {
    return run(env, Path.of("").toAbsolutePath(), "", args);
  }

  static Result run(Map<String, String> env, Path workDir, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext context = context(env, workDir, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    int code = Cli.run(context, args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A context over the given environment whose output is thrown away (for inspecting the command tree). */
  static CliContext context(Map<String, String> env) {
    PrintStream nowhere = new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    return context(env, Path.of("").toAbsolutePath(), "", nowhere, nowhere);
  }

  private static CliContext context(Map<String, String> env, Path workDir, String stdin, PrintStream out, PrintStream err) {
    return new CliContext(RELEASE, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err,
        workDir, () -> 7);
  }

  private CliHarness() {}
}
