///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17
//DEPS dev.dindcluster:dind-cluster-lib:0.1.0

// Two clusters side by side on one engine, brought up at the same time (a federation or
// multi-cluster operator's test bed): each gets its own network, subnet, API port and kubeconfig
// context. Prints one line per cluster, then takes both down (--clean removes them instead,
// --keep leaves them running).
//
//   scripts/jbang scripts/examples/two-clusters.java [--clean|--keep] ID_A ID_B
//
// Other knobs come from the environment as with the CLI (NUM_NODES=1, IP_MODE=dual-stack, ...).

import dev.dindcluster.api.DindCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class two_clusters {
  public static void main(String... args) throws Exception {
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    List<String> rest = new ArrayList<>(List.of(args));
    boolean clean = rest.remove("--clean");
    boolean keep = rest.remove("--keep");
    if (rest.size() != 2 || clean && keep || !rest.stream().allMatch(id -> id.matches("[1-9][0-9]{0,2}"))) {
      System.err.println("usage: two-clusters.java [--clean|--keep] ID_A ID_B   (cluster ids 1..254)");
      System.exit(2);
    }
    List<DindCluster> clusters = new ArrayList<>();
    for (String id : rest) {
      DindCluster.Builder builder = DindCluster.builder().fromEnvironment().clusterId(Integer.parseInt(id));
      clusters.add((clean ? builder.cleanOnClose() : builder).build());
    }
    ExecutorService pool = Executors.newFixedThreadPool(clusters.size());
    try {
      List<Future<?>> ups = new ArrayList<>();
      for (DindCluster cluster : clusters) {
        ups.add(pool.submit(cluster::up));
      }
      for (Future<?> up : ups) {
        up.get(); // a failure names the cluster and the step
      }
      for (DindCluster cluster : clusters) {
        System.out.println(cluster.context() + " " + cluster.apiServerUrl() + " nodes: "
            + cluster.nodes().stream().map(n -> n.name() + "=" + String.join(",", n.ips())).toList());
      }
    } finally {
      pool.shutdown();
      if (!keep) {
        for (DindCluster cluster : clusters) {
          cluster.close();
        }
      }
    }
    System.exit(0); // with --keep both stay up; the API clients' threads end with us
  }
}
