package dev.dindcluster.lifecycle;

import dev.dindcluster.kube.EventInfo;
import dev.dindcluster.kube.KubeObject;
import dev.dindcluster.kube.ObjectKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The text kubectl printed into the original's dump, rendered from API objects (no kubectl): {@code
 * get all --all-namespaces -o wide}, {@code describe all}, {@code get nodes -o wide} and {@code get
 * events}. Pure: the caller lists the objects and gives the clock's "now" for the AGE column.
 */
final class KubeReports {
  /** What {@code kubectl get all} lists, in its order. */
  static final List<ObjectKind> ALL =
      List.of(ObjectKind.POD, ObjectKind.SERVICE, ObjectKind.DAEMONSET, ObjectKind.DEPLOYMENT, ObjectKind.REPLICASET);

  private KubeReports() {}

  /**
   * One kind's table as {@code kubectl get <kind> --all-namespaces -o wide} (with {@code
   * <prefix>/<name>} names as {@code get all} writes them), or "" when there are no objects.
   */
  static String table(List<KubeObject> objects, boolean prefixedNames, Instant now) {
    if (objects.isEmpty()) {
      return "";
    }
    KubeObject first = objects.get(0);
    boolean namespaced = first.kind().namespaced;
    List<String> headers = new ArrayList<>();
    if (namespaced) {
      headers.add("NAMESPACE");
    }
    headers.add("NAME");
    headers.addAll(first.headers());
    TextTable table = new TextTable(headers);
    for (KubeObject object : objects) {
      List<String> row = new ArrayList<>();
      if (namespaced) {
        row.add(object.namespace());
      }
      row.add(prefixedNames ? object.kind().prefix + "/" + object.name() : object.name());
      for (int i = 0; i < object.headers().size(); i++) {
        String value = object.values().get(i);
        row.add(KubeObject.AGE.equals(object.headers().get(i)) ? Ages.since(object.created(), now) : value);
      }
      table.row(row);
    }
    return table.render();
  }

  /** The events table, oldest first; LAST SEEN is the API's timestamp (a dump is read later). */
  static String events(List<EventInfo> events, boolean withNamespace, String indent) {
    if (events.isEmpty()) {
      return indent + "<none>\n";
    }
    List<String> headers = new ArrayList<>();
    if (withNamespace) {
      headers.add("NAMESPACE");
    }
    headers.addAll(List.of("LAST SEEN", "TYPE", "REASON", "OBJECT", "COUNT", "MESSAGE"));
    TextTable table = new TextTable(headers);
    for (EventInfo event : events) {
      List<String> row = new ArrayList<>();
      if (withNamespace) {
        row.add(event.namespace());
      }
      row.addAll(List.of(String.valueOf(event.lastSeen()), String.valueOf(event.type()), String.valueOf(event.reason()),
          event.object(), String.valueOf(event.count()), event.message() == null ? "" : event.message().strip()));
      table.row(row);
    }
    return table.render().lines().map(line -> indent + line + "\n").collect(Collectors.joining());
  }

  /**
   * One object for {@code describe-all.txt}: a heading, its YAML (managedFields left out; Secrets
   * are never among the kinds listed), then the events about it.
   */
  static String describe(KubeObject object, List<EventInfo> allEvents) {
    String involved = object.kind().kind.toLowerCase() + "/" + object.name();
    List<EventInfo> about = allEvents.stream()
        .filter(e -> involved.equals(e.object()) && Objects.equals(e.namespace(), object.namespace()))
        .toList();
    String where = object.namespace() == null ? object.name() : object.namespace() + "/" + object.name();
    StringBuilder text = new StringBuilder()
        .append("===== ").append(object.kind().kind).append(' ').append(where).append(" =====\n")
        .append(object.yaml());
    if (!object.yaml().endsWith("\n")) {
      text.append('\n');
    }
    return text.append("Events:\n").append(events(about, false, "  ")).append('\n').toString();
  }
}
