package dev.dindcluster.cli;

import dev.dindcluster.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command of a fixed script; each subcommand is its own class. */
@Command(
    mixinStandardHelpOptions = true,
    // Every subcommand inherits --help/--version.
    scope = picocli.CommandLine.ScopeType.INHERIT,
    versionProvider = TopCommand.VersionProvider.class,
    description = {
      "Multi-node Kubernetes clusters on one machine, each node a Docker container running kubeadm.",
      "Progress goes to stderr; stdout carries only program output (plan --json, dumps, ports)."
    })
public final class TopCommand implements Runnable {
  /** The start of the usage error for a command line without a command (the usage follows it). */
  static final String MISSING_COMMAND = "Missing command";

  /**
   * Every subcommand, in the order the help lists them. Registered by {@link Cli#commandLine}: all of
   * them, only the one a command line names, or for the top command's own help just their names and
   * headers (picocli builds each command's model by reflection, and building all of them took most
   * of a short command's start).
   */
  static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(
      PlanCommand.class,
      UpCommand.class,
      ReupCommand.class,
      DownCommand.class,
      CleanCommand.class,
      InitCommand.class,
      JoinCommand.class,
      WaitCommand.class,
      ListCommand.class,
      NodesCommand.class,
      KubeconfigCommand.class,
      CompletionCommand.class,
      E2eCommand.class,
      E2eSerialCommand.class,
      DumpCommand.class,
      Dump64Command.class,
      ExportLogsCommand.class,
      SplitDumpCommand.class,
      SplitDump64Command.class,
      ApiserverPortCommand.class,
      StatusCommand.class,
      CopyImageCommand.class,
      PublishImageCommand.class,
      BakeCommand.class,
      picocli.CommandLine.HelpCommand.class);

  private final CliContext context;

  @Spec CommandSpec spec;

  TopCommand(CliContext context) {
    this.context = context;
  }

  public CliContext context() {
    return context;
  }

  @Override
  public void run() {
    // Like the original dispatcher: no command is a usage error.
    throw new ParameterException(spec.commandLine(), MISSING_COMMAND + ": pick one of the commands below");
  }

  static final class VersionProvider implements picocli.CommandLine.IVersionProvider {
    @picocli.CommandLine.Spec CommandSpec spec;

    @Override
    public String[] getVersion() {
      TopCommand top = (TopCommand) spec.root().userObject();
      var release = top.context().release();
      return new String[] {
        release.scriptName() + " (dind-cluster " + Version.VALUE + ")",
        "Kubernetes " + release.kubernetesVersion() + ", node image " + release.nodeImage()
      };
    }
  }
}
