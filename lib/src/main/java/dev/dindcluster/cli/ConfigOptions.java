package dev.dindcluster.cli;

import dev.dindcluster.config.ConfigFile;
import dev.dindcluster.config.ConfigSources;
import dev.dindcluster.config.InvalidConfigException;
import dev.dindcluster.config.KnobNames;
import dev.dindcluster.config.Problem;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Options shared by every command that works on a cluster: where knob values come from. The
 * precedence is config file &lt; environment &lt; command line, as the issue asks.
 */
public final class ConfigOptions {
  /** The options themselves, in a group so that help lists them under their own heading. */
  static final class Knobs {
    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "A config.sh-style file of KEY=VALUE lines (the environment wins over it). "
            + "Default: $DIND_CONFIG_FILE when set.")
    Path configFile;

    @Option(
        names = {"-s", "--set"},
        paramLabel = "KNOB=VALUE",
        description = "Set any knob (wins over the environment and the config file); repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--ip-mode", paramLabel = "MODE",
        description = "Same as --set IP_MODE=MODE: ipv4, ipv6 or dual-stack (default ${bundle:default.IP_MODE}).")
    String ipMode;

    @Option(names = "--cluster-id", paramLabel = "ID",
        description = "Same as --set CLUSTER_ID=ID: 0..254; unset, the default cluster.")
    String clusterId;

    @Option(names = {"--label", "--name"}, paramLabel = "LABEL",
        description = "Same as --set DIND_LABEL=LABEL: the cluster's name (kind's --name); its context is dind-LABEL.")
    String label;

    @Option(names = "--num-nodes", paramLabel = "N",
        description = "Same as --set NUM_NODES=N: workers besides the master (default ${bundle:default.NUM_NODES}).")
    String numNodes;

    @Option(names = "--cni", paramLabel = "PLUGIN",
        description = "Same as --set CNI_PLUGIN=PLUGIN (default ${bundle:default.CNI_PLUGIN}).")
    String cniPlugin;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description =
        "The kubeconfig file that holds the cluster's context (written by up, removed from by " +
            "clean, read by the "
            + "others); default: the first file in $KUBECONFIG, else ~/.kube/config. A new file is made 0600.")
    Path kubeconfig;
  }

  @ArgGroup(validate = false, heading = "%nCluster and configuration (config file < environment < command line):%n", order = 10)
  Knobs knobs = new Knobs();

  /** The context of this run: the same, with KUBECONFIG pointed at --kubeconfig when it is given. */
  CliContext context(CliContext base) {
    if (knobs().kubeconfig == null) {
      return base;
    }
    Path file = base.workDir().resolve(knobs().kubeconfig).toAbsolutePath().normalize();
    Map<String, String> env = new java.util.HashMap<>(base.env());
    env.put("KUBECONFIG", file.toString());
    return new CliContext(base.release(), env, base.in(), base.out(), base.err(), base.workDir(), base.randomClusterId(),
        dev.dindcluster.wiring.RealAdapters.withKubeconfig(base.adapters(), file));
  }

  /** The merged knob values for this run. */
  public Map<String, String> settings(CliContext context) {
    Path file = knobs().configFile;
    if (file == null) {
      String fromEnv = context.env().get("DIND_CONFIG_FILE");
      if (fromEnv != null && !fromEnv.isEmpty()) {
        file = Path.of(fromEnv);
      }
    }
    if (file != null && !file.isAbsolute()) {
      file = context.workDir().resolve(file);
    }
    Map<String, String> fromFile = file == null ? Map.of() : ConfigFile.read(file);
    List<Problem> unknown = KnobNames.unknown(knobs().overrides, "--set");
    if (!unknown.isEmpty()) {
      throw new InvalidConfigException(unknown);
    }
    Map<String, String> commandLine = new LinkedHashMap<>(knobs().overrides);
    putIfGiven(commandLine, "IP_MODE", knobs().ipMode);
    putIfGiven(commandLine, "CLUSTER_ID", knobs().clusterId);
    putIfGiven(commandLine, "DIND_LABEL", knobs().label);
    putIfGiven(commandLine, "NUM_NODES", knobs().numNodes);
    putIfGiven(commandLine, "CNI_PLUGIN", knobs().cniPlugin);
    return ConfigSources.merge(fromFile, context.env(), commandLine);
  }

  /** picocli leaves the group null when it was never initialised; ours always is, this keeps it so. */
  private Knobs knobs() {
    if (knobs == null) {
      knobs = new Knobs();
    }
    return knobs;
  }

  private static void putIfGiven(Map<String, String> map, String knob, String value) {
    if (value != null) {
      map.put(knob, value);
    }
  }
}
