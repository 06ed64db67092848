package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.Action;
import dev.dindcluster.lifecycle.ClusterBake;
import dev.dindcluster.lifecycle.CopyImage;
import dev.dindcluster.plan.ClusterPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code bake --tag NAME}: the running cluster as images that 'up --from NAME' starts from. */
@Command(name = "bake",
    header = "Turn the running cluster into images that 'up --from' starts from, here or on another host.",
    description = {
      "Copies IMAGEs into every node first, then takes the cluster down and commits each node's volume into an "
          + "image of its own on top of the node image: NAME-<node> (NAME:<node> when NAME has no tag). "
          + "Prints the images to save, the node image last. The cluster stays down: 'up' restores it.",
      "A baked cluster keeps its identity, addresses and nodes: 'up --from' needs the same CLUSTER_ID, "
          + "DIND_LABEL, IP_MODE, NUM_NODES and runtime. Every cluster made from the images shares its CA, "
          + "keys and certificates (valid a year from the bake).",
      "A single-node IPv4 bake (NUM_NODES=0) also runs alone as a CI service: 'docker run' of its master image "
          + "starts the cluster in that one container, with HTTP endpoints on port 8080 (/docker-ready, "
          + "/kubernetes-ready, /config, /dump64, /dump) and the API server on 6443; 'wait --url' waits for it."},
    footerHeading = "%nExamples:%n",
    footer = {
      "  ${ROOT-COMMAND-NAME} up && ${ROOT-COMMAND-NAME} bake --tag ci/cluster:v1 --image my-operator:dev --hook ./install-crds.sh",
      "  docker save -o cluster.tar $(${ROOT-COMMAND-NAME} bake --tag ci/cluster:v1)",
      "  docker load -i cluster.tar && ${ROOT-COMMAND-NAME} up --from ci/cluster:v1",
      "  NUM_NODES=0 ${ROOT-COMMAND-NAME} up && NUM_NODES=0 ${ROOT-COMMAND-NAME} bake --tag ci/k8s:v1",
      "  docker run -d --privileged -p 127.0.0.1:6443:6443 -p 127.0.0.1:8080:8080 ci/k8s:v1-kube-master"})
final class BakeCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;
  @Mixin ConfigOptions config;
  @Mixin LifecycleOptions options;

  @Option(names = "--tag", required = true, paramLabel = "NAME", description = "Image name the node images are named after.")
  String tag;

  @Option(names = "--image", paramLabel = "IMG", description = "A local image to copy into every node before baking; repeatable.")
  List<String> images = new ArrayList<>();

  @Option(names = "--hook", paramLabel = "FILE", description = "An executable (script, or JBang file with its "
      + "///usr/bin/env jbang line) run against the cluster before baking, with KUBECONFIG and DIND_CONTEXT set: "
      + "CRDs, operators, test data. A failing hook stops the bake.")
  java.nio.file.Path hook;

  @Override
  public Integer call() {
    CliContext context = config.context(top.context());
    ClusterPlan plan = ClusterRun.plan(context, config);
    java.nio.file.Path hookFile = hook == null ? null : context.workDir().resolve(hook);
    // The name, the derived names and the hook are checked as the actions are made: before anything runs.
    ClusterRun.run(context, plan, options, false, s -> {
      List<Action> actions = new ArrayList<>();
      if (!images.isEmpty()) {
        actions.add(Action.of("Copying " + images.size() + " image(s) into every node", x ->
            CopyImage.copyAll(x.plan(), x.runtime(), x.progress(), images, null)).waiting());
      }
      actions.addAll(ClusterBake.bake(s.plan(), tag, hookFile));
      return actions;
    });
    ClusterBake.images(plan, tag).forEach(context.out()::println);
    if (!options.quiet()) {
      try (var runtime = context.adapters().runtime()) {
        ClusterBake.serviceRun(plan, tag, runtime.engineInfo().nodeSecurity())
            .ifPresent(run -> context.err().println("As a CI service: " + run));
      }
    }
    return ExitCode.OK.code;
  }
}
