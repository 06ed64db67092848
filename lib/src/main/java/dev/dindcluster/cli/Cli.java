package dev.dindcluster.cli;

import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.config.InvalidConfigException;
import dev.dindcluster.lifecycle.ClusterStateException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The one composition root: fixed scripts call {@link #main(FixedRelease, String...)}. This is the
 * only place that reads {@code System.getenv()}, the real streams and real randomness; everything
 * below receives them through {@link CliContext}.
 */
public final class Cli {
  private Cli() {}

  /** Entry point for fixed scripts: runs and exits with the command's exit code. */
  public static void main(FixedRelease release, String... args) {
    // docker-java and fabric8 log through slf4j; without a provider slf4j would print a notice on
    // every run. We keep stderr for our own progress lines.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    SecureRandom random = new SecureRandom();
    CliContext context =
        new CliContext(
            release,
            System.getenv(),
            System.in,
            System.out,
            System.err,
            Path.of("").toAbsolutePath(),
            // The original's random id for a DIND_LABEL without CLUSTER_ID: 1..12.
            () -> random.nextInt(12) + 1);
    int code = run(context, args);
    System.out.flush();
    System.exit(code);
  }

  /** Runs one command line against the given context and returns the exit code. */
  public static int run(CliContext context, String... args) {
    Class<?> named = namedCommand(args);
    CommandLine commandLine =
        named != null ? commandLine(context, List.of(named), false)
            : onlyTopHelp(args) ? commandLine(context, TopCommand.SUBCOMMANDS, true)
            : commandLine(context);
    return commandLine.execute(args);
  }

  /** The configured picocli tree with every command; tests use it to check help texts. */
  public static CommandLine commandLine(CliContext context) {
    return commandLine(context, TopCommand.SUBCOMMANDS, false);
  }

  /**
   * The command class a command line runs when that is all it needs: its first word names a
   * command (by name or alias) other than {@code help} and {@code completion}, which read the whole
   * tree. Null otherwise (no command, an option, a misspelling that wants suggestions).
   */
  static Class<?> namedCommand(String... args) {
    if (args.length == 0) {
      return null;
    }
    for (Class<?> command : TopCommand.SUBCOMMANDS) {
      CommandLine.Command annotation = command.getAnnotation(CommandLine.Command.class);
      if (annotation.name().equals(args[0]) || java.util.Arrays.asList(annotation.aliases()).contains(args[0])) {
        boolean needsTree = command == CommandLine.HelpCommand.class || command == CompletionCommand.class;
        return needsTree ? null : command;
      }
    }
    return null;
  }

  /**
   * Whether a command line needs nothing but the top command's own help, version or usage (no
   * arguments is a usage error that prints the command list): then each command is only listed, by
   * its name and header, and its model need not be built.
   */
  static boolean onlyTopHelp(String... args) {
    return args.length == 0 || (args.length == 1 && TOP_HELP_OPTIONS.contains(args[0]));
  }

  private static final List<String> TOP_HELP_OPTIONS = List.of("-h", "--help", "-V", "--version");

  /**
   * The configured picocli tree with the given commands; {@code listedOnly}: each as its name,
   * aliases and header read from its annotation (what the top command's help lists), not a model
   * built by reflection over its options and mixins.
   */
  static CommandLine commandLine(CliContext context, List<Class<?>> commands, boolean listedOnly) {
    CommandLine commandLine = new CommandLine(new TopCommand(context));
    for (Class<?> command : commands) {
      if (listedOnly) {
        CommandLine.Command annotation = command.getAnnotation(CommandLine.Command.class);
        CommandLine.Model.CommandSpec listed =
            CommandLine.Model.CommandSpec.create().name(annotation.name()).aliases(annotation.aliases());
        listed.usageMessage().header(annotation.header()).description(annotation.description()).hidden(annotation.hidden());
        commandLine.addSubcommand(annotation.name(), new CommandLine(listed));
      } else {
        commandLine.addSubcommand(command);
      }
    }
    commandLine.setCommandName(context.release().scriptName());
    commandLine.setOut(new java.io.PrintWriter(context.out(), true));
    commandLine.setErr(new java.io.PrintWriter(context.err(), true));
    commandLine.setExitCodeExceptionMapper(Cli::exitCodeFor);
    commandLine.setResourceBundle(new KnobDefaults());
    describeExitCodes(commandLine);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          cmd.getErr().println(cmd.getCommandName() + ": " + messageOf(exception));
          return exitCodeFor(exception);
        });
    // picocli's own usage errors (unknown option, bad number, ...) are invalid input too.
    commandLine.setParameterExceptionHandler(
        (exception, args) -> {
          CommandLine cmd = exception.getCommandLine();
          cmd.getErr().println(cmd.getCommandName() + ": " + exception.getMessage());
          if (exception instanceof CommandLine.UnmatchedArgumentException unmatched) {
            // "upp" -> "Did you mean: up?"
            CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, cmd.getErr());
          }
          if (exception.getMessage().startsWith(TopCommand.MISSING_COMMAND)) {
            cmd.usage(cmd.getErr());
          } else {
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
          }
          return ExitCode.INVALID_INPUT.code;
        });
    return commandLine;
  }

  /** Every command's help ends with the exit codes, from {@link ExitCode} (their one home). */
  private static void describeExitCodes(CommandLine commandLine) {
    Map<String, String> codes = new java.util.LinkedHashMap<>();
    for (ExitCode code : ExitCode.values()) {
      codes.put(String.format("%3d", code.code), code.meaning);
    }
    commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    commandLine.getSubcommands().values().forEach(Cli::describeExitCodes);
  }

  static int exitCodeFor(Throwable exception) {
    if (exception instanceof InvalidConfigException) {
      return ExitCode.INVALID_INPUT.code;
    }
    if (exception instanceof IllegalArgumentException) {
      return ExitCode.INVALID_INPUT.code;
    }
    if (exception instanceof ClusterStateException) {
      return ExitCode.WRONG_STATE.code;
    }
    return ExitCode.FAILURE.code;
  }

  private static String messageOf(Throwable exception) {
    String message = exception.getMessage();
    return message == null || message.isBlank() ? exception.toString() : message;
  }

  /** A helper for tests and embedders: a context over the real environment and streams. */
  public static CliContext systemContext(FixedRelease release, Map<String, String> env) {
    SecureRandom random = new SecureRandom();
    return new CliContext(
        release,
        env,
        System.in,
        System.out,
        System.err,
        Path.of("").toAbsolutePath(),
        () -> random.nextInt(12) + 1);
  }
}
