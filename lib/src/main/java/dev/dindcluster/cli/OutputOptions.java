package dev.dindcluster.cli;

import dev.dindcluster.format.DataFormat;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code -o text|json|yaml} for every command that prints data; the data goes to stdout only. */
final class OutputOptions {
  enum Format { text, json, yaml }

  static final class Fields {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
        description = "text (a table for people, the default), json or yaml; on stdout.")
    Format format = Format.text;

    @Option(names = "--json", hidden = true, description = "The same as -o json (kept for scripts written against it).")
    boolean json;
  }

  @ArgGroup(validate = false, heading = "%nOutput:%n", order = 40)
  Fields fields = new Fields();

  /** Prints the data in the chosen format: {@code text} for people, {@code tree} (maps and lists) for programs. */
  void print(CliContext context, Supplier<String> text, Supplier<Object> tree) {
    Fields given = fields == null ? new Fields() : fields;
    Format chosen = given.json ? Format.json : given.format;
    context.out().print(switch (chosen) {
      case text -> text.get();
      case json -> DataFormat.JSON.write(tree.get());
      case yaml -> DataFormat.YAML.write(tree.get());
    });
    context.out().flush();
  }
}
