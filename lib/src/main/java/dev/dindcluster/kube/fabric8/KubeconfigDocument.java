package dev.dindcluster.kube.fabric8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dindcluster.kube.KubeFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kubeconfig as plain ordered maps, so entries we do not own keep every field (exec plugins,
 * extensions, anything newer than our model) exactly as they were. YAML through Jackson, which
 * fabric8 already brings.
 */
final class KubeconfigDocument {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private final Map<String, Object> root;

  private KubeconfigDocument(Map<String, Object> root) {
    this.root = root;
  }

  static KubeconfigDocument parse(String text, String source) {
    if (text.isBlank()) {
      return empty();
    }
    try {
      Map<String, Object> root = YAML.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
      return new KubeconfigDocument(root == null ? new LinkedHashMap<>() : root);
    } catch (JsonProcessingException e) {
      throw new KubeFailure("kubeconfig '" + source + "' is not valid YAML: " + e.getOriginalMessage(), e);
    }
  }

  static KubeconfigDocument empty() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("apiVersion", "v1");
    root.put("kind", "Config");
    root.put("preferences", new LinkedHashMap<>());
    return new KubeconfigDocument(root);
  }

  String toYaml() {
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new KubeFailure("cannot write kubeconfig: " + e.getOriginalMessage(), e);
    }
  }

  /** The inner map (e.g. {@code cluster}) of the named item of a section (e.g. {@code clusters}). */
  Optional<Map<String, Object>> find(String section, String name, String inner) {
    return section(section).stream()
        .filter(item -> name.equals(item.get("name")))
        .findFirst()
        .map(item -> asMap(item.get(inner)));
  }

  /** Puts {@code {name, inner: value}} in place of the item with that name, or at the end. */
  void put(String section, String name, String inner, Map<String, Object> value) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("name", name);
    item.put(inner, value);
    List<Map<String, Object>> items = section(section);
    for (int i = 0; i < items.size(); i++) {
      if (name.equals(items.get(i).get("name"))) {
        items.set(i, item);
        return;
      }
    }
    items.add(item);
  }

  boolean remove(String section, String name) {
    return section(section).removeIf(item -> name.equals(item.get("name")));
  }

  List<String> names(String section) {
    List<String> names = new ArrayList<>();
    section(section).forEach(item -> names.add(String.valueOf(item.get("name"))));
    return names;
  }

  Optional<String> currentContext() {
    Object value = root.get("current-context");
    return value == null || value.toString().isEmpty() ? Optional.empty() : Optional.of(value.toString());
  }

  void currentContext(String name) {
    root.put("current-context", name == null ? "" : name);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> section(String section) {
    Object value = root.get(section);
    if (!(value instanceof List)) {
      value = new ArrayList<Map<String, Object>>();
      root.put(section, value);
    }
    return (List<Map<String, Object>>) value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map ? (Map<String, Object>) value : new LinkedHashMap<>();
  }
}
