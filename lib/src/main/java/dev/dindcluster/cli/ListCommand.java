package dev.dindcluster.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dindcluster.lifecycle.ClusterList;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code list}: every dind-cluster cluster on this engine, whatever its label or id. */
@Command(name = "list", description = {
    "List every dind-cluster cluster on this Docker engine (any CLUSTER_ID or DIND_LABEL): its label, id,",
    "state (up, down = volumes only, partial), node containers, volumes and network. Changes nothing."})
final class ListCommand implements Callable<Integer> {
  @ParentCommand TopCommand top;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    CliContext context = top.context();
    List<ClusterList.Entry> entries;
    try (NodeRuntime runtime = context.adapters().runtime()) {
      entries = ClusterList.read(runtime);
    }
    context.out().print(json
        ? new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(ClusterList.json(entries)) + "\n"
        : ClusterList.render(entries));
    context.out().flush();
    return ExitCode.OK.code;
  }
}
