package dev.dindcluster.cli;

import dev.dindcluster.wiring.RealAdapters;
import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.lifecycle.Adapters;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Everything a command may read from the outside world, gathered once by {@link Cli}: the pinned
 * release, the environment (read nowhere else), the standard streams, the working directory and
 * the source of random cluster ids, and the adapters to the engine and the API server. Tests
 * build one with fakes.
 */
public record CliContext(
    FixedRelease release,
    Map<String, String> env,
    InputStream in,
    PrintStream out,
    PrintStream err,
    Path workDir,
    IntSupplier randomClusterId,
    Adapters adapters) {

  /** A context over the real adapters (docker-java, fabric8) for the given environment. */
  public CliContext(
      FixedRelease release,
      Map<String, String> env,
      InputStream in,
      PrintStream out,
      PrintStream err,
      Path workDir,
      IntSupplier randomClusterId) {
    this(release, env, in, out, err, workDir, randomClusterId, RealAdapters.forEnvironment(env));
  }

  public CliContext {
    Objects.requireNonNull(release, "release");
    env = Map.copyOf(env);
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(randomClusterId, "randomClusterId");
    Objects.requireNonNull(adapters, "adapters");
  }
}
