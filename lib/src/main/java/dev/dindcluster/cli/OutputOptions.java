package dev.dindcluster.cli;

import dev.dindcluster.format.DataFormat;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** {@code -o text|json|yaml} for every command that prints data; the data goes to stdout only. */
final class OutputOptions {
  enum Format { text, json, yaml }

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (a table for people, the default), json or yaml.")
  Format format = Format.text;

  @Option(names = "--json", hidden = true, description = "The same as -o json (kept for scripts written against it).")
  boolean json;

  /** Prints the data in the chosen format: {@code text} for people, {@code tree} (maps and lists) for programs. */
  void print(CliContext context, Supplier<String> text, Supplier<Object> tree) {
    Format chosen = json ? Format.json : format;
    context.out().print(switch (chosen) {
      case text -> text.get();
      case json -> DataFormat.JSON.write(tree.get());
      case yaml -> DataFormat.YAML.write(tree.get());
    });
    context.out().flush();
  }
}
