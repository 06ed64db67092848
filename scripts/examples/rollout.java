///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.dindcluster:dind-cluster-lib:0.1.0

// The operator developer's loop without a registry: an image built on this machine is copied into
// every node's runtime, rolled out as a Deployment and waited for until every replica is ready.
// The cluster stays up for the next iteration (pass --down to take it down afterwards).
//
//   scripts/jbang scripts/examples/rollout.java [--down] IMAGE [REPLICAS] [-- COMMAND [ARG...]]
//
// Knobs come from the environment as with the CLI (CLUSTER_ID=20, NUM_NODES=1, ...).

import dev.dindcluster.api.DindCluster;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

class rollout {
  public static void main(String... args) {
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    List<String> rest = new ArrayList<>(List.of(args));
    boolean down = rest.remove("--down");
    int dashes = rest.indexOf("--");
    List<String> command = dashes < 0 ? List.of() : List.copyOf(rest.subList(dashes + 1, rest.size()));
    List<String> positional = dashes < 0 ? rest : rest.subList(0, dashes);
    if (positional.isEmpty() || positional.size() > 2 || (positional.size() == 2 && !positional.get(1).matches("[1-9][0-9]?"))) {
      System.err.println("usage: rollout.java [--down] IMAGE [REPLICAS 1..99] [-- COMMAND [ARG...]]");
      System.exit(2);
    }
    String image = positional.get(0);
    int replicas = positional.size() == 2 ? Integer.parseInt(positional.get(1)) : 2;

    DindCluster cluster = DindCluster.builder().fromEnvironment().build();
    try {
      cluster.up();
      // No registry: the image goes into every node's runtime, and pods must never try to pull it.
      cluster.copyImage(image);
      Deployment deployment = new DeploymentBuilder()
          .withNewMetadata().withName("rollout-example").withLabels(Map.of("app", "rollout-example")).endMetadata()
          .withNewSpec()
            .withReplicas(replicas)
            .withNewSelector().withMatchLabels(Map.of("app", "rollout-example")).endSelector()
            .withNewTemplate()
              .withNewMetadata().withLabels(Map.of("app", "rollout-example")).endMetadata()
              .withNewSpec()
                .addNewContainer().withName("main").withImage(image).withImagePullPolicy("Never").withCommand(command).endContainer()
              .endSpec()
            .endTemplate()
          .endSpec()
          .build();
      KubernetesClient client = cluster.client();
      client.apps().deployments().inNamespace("default").resource(deployment).forceConflicts().serverSideApply();
      client.apps().deployments().inNamespace("default").withName("rollout-example").waitUntilReady(3, TimeUnit.MINUTES);
      client.pods().inNamespace("default").withLabel("app", "rollout-example").list().getItems().forEach(pod ->
          System.out.println(pod.getMetadata().getName() + " " + pod.getSpec().getNodeName() + " " + pod.getStatus().getPhase()));
    } finally {
      if (down) {
        cluster.close(); // down: the volumes keep the cluster for a quick restore
      }
    }
    System.exit(0); // the cluster stays up unless --down; the API client's threads end with us
  }
}
