///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.dindcluster:dind-cluster-lib:0.1.0

// Two clusters side by side on one engine, brought up at the same time (a federation or
// multi-cluster operator's test bed): each gets its own network, subnet, API port and kubeconfig
// context, and, with --image, a workload (that local image copied in and run as a Deployment).
// Prints one line per cluster, then takes both down (--clean removes them instead, --keep leaves
// them running).
//
//   scripts/jbang scripts/examples/two-clusters.java [--clean|--keep] ID_A ID_B [--image IMAGE [-- COMMAND...]]
//
// Other knobs come from the environment as with the CLI (NUM_NODES=1, IP_MODE=dual-stack, ...).

import dev.dindcluster.api.DindCluster;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class two_clusters {
  public static void main(String... args) throws Exception {
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    List<String> rest = new ArrayList<>(List.of(args));
    int dashes = rest.indexOf("--");
    List<String> command = dashes < 0 ? List.of() : List.copyOf(rest.subList(dashes + 1, rest.size()));
    if (dashes >= 0) {
      rest = new ArrayList<>(rest.subList(0, dashes));
    }
    String image = null;
    int imageAt = rest.indexOf("--image");
    if (imageAt >= 0 && imageAt + 1 < rest.size()) {
      image = rest.remove(imageAt + 1);
      rest.remove(imageAt);
    }
    boolean clean = rest.remove("--clean");
    boolean keep = rest.remove("--keep");
    if (rest.size() != 2 || clean && keep || !rest.stream().allMatch(id -> id.matches("[1-9][0-9]{0,2}"))) {
      System.err.println("usage: two-clusters.java [--clean|--keep] ID_A ID_B [--image IMAGE [-- COMMAND...]]   (cluster ids 1..254)");
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
        String workload = image == null ? "" : " workload: " + runWorkload(cluster, image, command);
        System.out.println(cluster.context() + " " + cluster.apiServerUrl() + " nodes: "
            + cluster.nodes().stream().map(n -> n.name() + "=" + String.join(",", n.ips())).toList() + workload);
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

  /** The image copied into the cluster's nodes and run as Deployment "hello"; returns where its pod runs. */
  static String runWorkload(DindCluster cluster, String image, List<String> command) {
    cluster.copyImage(image);
    var client = cluster.client();
    var deployment = new DeploymentBuilder()
        .withNewMetadata().withName("hello").endMetadata()
        .withNewSpec().withReplicas(1)
          .withNewSelector().withMatchLabels(Map.of("app", "hello")).endSelector()
          .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "hello")).endMetadata()
            .withNewSpec().addNewContainer().withName("hello").withImage(image).withImagePullPolicy("Never")
              .withCommand(command).endContainer().endSpec()
          .endTemplate()
        .endSpec().build();
    client.apps().deployments().inNamespace("default").resource(deployment).forceConflicts().serverSideApply();
    client.apps().deployments().inNamespace("default").withName("hello").waitUntilReady(3, TimeUnit.MINUTES);
    var pod = client.pods().inNamespace("default").withLabel("app", "hello").list().getItems().get(0);
    return "hello ready on " + pod.getSpec().getNodeName();
  }
}
