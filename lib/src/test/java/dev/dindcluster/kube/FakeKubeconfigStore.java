package dev.dindcluster.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory kubeconfig (no file, no lock), held to {@link KubeconfigStoreContract} like the real one. */
public final class FakeKubeconfigStore implements KubeconfigStore {
  private final Path path;
  private final Map<String, KubeconfigEntry> entries = new LinkedHashMap<>();
  private String current;

  public FakeKubeconfigStore(Path path) {
    this.path = path;
  }

  @Override
  public Path path() {
    return path;
  }

  @Override
  public synchronized void merge(KubeconfigEntry entry, boolean makeCurrent) {
    entries.put(entry.name(), entry);
    if (makeCurrent) {
      current = entry.name();
    }
  }

  @Override
  public synchronized boolean remove(String name) {
    if (name.equals(current)) {
      current = null;
    }
    return entries.remove(name) != null;
  }

  @Override
  public synchronized Optional<KubeconfigEntry> read(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  @Override
  public synchronized Optional<String> currentContext() {
    return Optional.ofNullable(current);
  }

  @Override
  public synchronized List<String> contextNames() {
    return new ArrayList<>(entries.keySet());
  }

  @Override
  public KubeconfigEntry entryFrom(String kubeconfigText, String name) {
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(kubeconfigText);
      String contextName = root.path("current-context").asText();
      JsonNode context = find(root.path("contexts"), contextName).path("context");
      JsonNode cluster = find(root.path("clusters"), context.path("cluster").asText()).path("cluster");
      JsonNode user = find(root.path("users"), context.path("user").asText()).path("user");
      return new KubeconfigEntry(name, cluster.path("server").asText(), cluster.path("certificate-authority-data").asText(),
          user.path("client-certificate-data").asText(), user.path("client-key-data").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode find(JsonNode list, String name) {
    for (JsonNode item : list) {
      if (name.equals(item.path("name").asText())) {
        return item;
      }
    }
    throw new IllegalArgumentException("no entry named '" + name + "'");
  }
}
