package dev.dindcluster.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;

/**
 * How commands print data ({@code -o json|yaml}): trees of ordered maps, lists, strings, numbers,
 * booleans and null, written by Jackson. JSON is indented by two spaces with {@code "key": value};
 * YAML has no document marker and quotes only where YAML needs it.
 */
public enum DataFormat {
  JSON(new ObjectMapper().writer(new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withArrayIndenter(new DefaultIndenter("  ", "\n")))),
  YAML(new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)).writer());

  private final ObjectWriter writer;

  DataFormat(ObjectWriter writer) {
    this.writer = writer;
  }

  /** The tree as text, ending in a newline. */
  public String write(Object tree) {
    try {
      String text = writer.writeValueAsString(tree);
      return text.endsWith("\n") ? text : text + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write " + name().toLowerCase(java.util.Locale.ROOT), e);
    }
  }
}
