package dev.dindcluster.kube;

import java.util.List;
import java.util.Objects;

/**
 * One object as {@code kubectl get -o wide} and {@code kubectl describe} show it: the wide columns
 * (headers and values in kubectl's order, without NAMESPACE and NAME) and its YAML without
 * managedFields.
 *
 * @param namespace null for cluster-wide kinds
 * @param created the creation timestamp as the API writes it (RFC 3339), or null
 * @param headers column headers; a column headed {@value #AGE} holds {@code created}, for the
 *     renderer to turn into an age relative to its own clock
 */
public record KubeObject(
    ObjectKind kind, String namespace, String name, String created, List<String> headers, List<String> values,
    String yaml) {
  public static final String AGE = "AGE";

  public KubeObject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    headers = List.copyOf(headers);
    values = values.stream().map(v -> v == null ? "<none>" : v).toList();
    if (headers.size() != values.size()) {
      throw new IllegalArgumentException(kind + " " + name + ": " + headers.size() + " headers but "
          + values.size() + " values");
    }
    yaml = yaml == null ? "" : yaml;
  }

  /** The value under {@code header}, or null when there is no such column. */
  public String column(String header) {
    int i = headers.indexOf(header);
    return i < 0 ? null : values.get(i);
  }
}
