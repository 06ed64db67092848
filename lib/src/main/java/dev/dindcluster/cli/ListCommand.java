package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.ClusterList;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code list}: every dind-cluster cluster on this engine, whatever its label or id. */
@Command(header = "List every dind-cluster cluster on this Docker engine.",
    footerHeading = "%nExamples:%n",
    footer = {"  ${ROOT-COMMAND-NAME} list", "  ${ROOT-COMMAND-NAME} list -o json"},
    name = "list", description = {
    "List every dind-cluster cluster on this Docker engine (any CLUSTER_ID or DIND_LABEL): its " +
        "label, id, state (up, down = volumes only, partial), node containers, volumes and network. " +
        "Changes nothing."})
final class ListCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    CliContext context = top.context();
    List<ClusterList.Entry> entries;
    try (NodeRuntime runtime = context.adapters().runtime()) {
      entries = ClusterList.read(runtime);
    }
    output.print(context, () -> ClusterList.render(entries), () -> ClusterList.json(entries));
    return ExitCode.OK.code;
  }
}
