///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.dindcluster:dind-cluster-lib:0.1.0

// A CI job's wrapper, in Java instead of the bash people wrote around dind-cluster.sh: bring a
// cluster up (or restore it), run a command against it with KUBECONFIG set, print the cluster's
// state as a dump64 blob when the command fails (split it later with split-dump64), take it down.
//
//   scripts/jbang scripts/examples/ci-run.java [--clean] -- COMMAND [ARG...]
//
// Knobs come from the environment as with the CLI (CLUSTER_ID=20, NUM_NODES=1, ...). The exit
// code is the command's.

import dev.dindcluster.api.DindCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

class ci_run {
  public static void main(String... args) throws Exception {
    List<String> all = Arrays.asList(args);
    int dashes = all.indexOf("--");
    if (dashes < 0 || dashes == all.size() - 1) {
      System.err.println("usage: ci-run.java [--clean] -- COMMAND [ARG...]");
      System.exit(2);
    }
    // docker-java and fabric8 log through slf4j; with no provider it would print a notice.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    boolean clean = all.subList(0, dashes).contains("--clean");
    List<String> command = all.subList(dashes + 1, all.size());

    DindCluster.Builder builder = DindCluster.builder().fromEnvironment();
    if (clean) {
      builder.cleanOnClose();
    }
    int code;
    try (DindCluster cluster = builder.build()) {
      cluster.up();
      Path kubeconfig = cluster.writeKubeconfig(Files.createTempFile("ci-run-kubeconfig-", ".yaml"));
      try {
        ProcessBuilder process = new ProcessBuilder(command).inheritIO();
        process.environment().put("KUBECONFIG", kubeconfig.toString());
        code = process.start().waitFor();
      } finally {
        Files.deleteIfExists(kubeconfig);
      }
      if (code != 0) {
        System.err.println("ci-run: '" + String.join(" ", command) + "' exited " + code
            + "; the cluster's state follows on stdout as a dump64 blob");
        cluster.dump64(System.out);
        System.out.flush();
      }
    }
    System.exit(code);
  }
}
