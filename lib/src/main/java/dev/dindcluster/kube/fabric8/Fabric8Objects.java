package dev.dindcluster.kube.fabric8;

import dev.dindcluster.kube.KubeObject;
import dev.dindcluster.kube.ObjectKind;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lists one kind and turns each object into a {@link KubeObject}: kubectl's wide columns (computed
 * as kubectl's printers do, for the fields a dind cluster has) and the YAML without managedFields.
 */
final class Fabric8Objects {
  private final KubernetesClient client;

  Fabric8Objects(KubernetesClient client) {
    this.client = client;
  }

  List<KubeObject> list(ObjectKind kind) {
    List<? extends HasMetadata> items = switch (kind) {
      case POD -> client.pods().inAnyNamespace().list().getItems();
      case SERVICE -> client.services().inAnyNamespace().list().getItems();
      case DAEMONSET -> client.apps().daemonSets().inAnyNamespace().list().getItems();
      case DEPLOYMENT -> client.apps().deployments().inAnyNamespace().list().getItems();
      case REPLICASET -> client.apps().replicaSets().inAnyNamespace().list().getItems();
      case NODE -> client.nodes().list().getItems();
    };
    return items.stream()
        .map(item -> view(kind, item))
        .sorted(Comparator.comparing((KubeObject o) -> o.namespace() == null ? "" : o.namespace())
            .thenComparing(KubeObject::name))
        .collect(Collectors.toList());
  }

  private KubeObject view(ObjectKind kind, HasMetadata item) {
    Columns columns = switch (kind) {
      case POD -> Fabric8Columns.pod((io.fabric8.kubernetes.api.model.Pod) item);
      case SERVICE -> Fabric8Columns.service((io.fabric8.kubernetes.api.model.Service) item);
      case DAEMONSET -> Fabric8Columns.daemonSet((io.fabric8.kubernetes.api.model.apps.DaemonSet) item);
      case DEPLOYMENT -> Fabric8Columns.deployment((io.fabric8.kubernetes.api.model.apps.Deployment) item);
      case REPLICASET -> Fabric8Columns.replicaSet((io.fabric8.kubernetes.api.model.apps.ReplicaSet) item);
      case NODE -> Fabric8Columns.node((io.fabric8.kubernetes.api.model.Node) item);
    };
    var metadata = item.getMetadata();
    metadata.setManagedFields(null); // bookkeeping of field owners: long and of no use in a dump
    hideValues(item);
    return new KubeObject(kind, kind.namespaced ? metadata.getNamespace() : null, metadata.getName(),
        metadata.getCreationTimestamp(), columns.headers, columns.values,
        client.getKubernetesSerialization().asYaml(item));
  }

  /**
   * Dumps go to public CI logs: environment values (often passwords and tokens) are replaced, their
   * names kept, and kubectl's last-applied annotation (the whole manifest again, values included) is
   * hidden.
   */
  static void hideValues(HasMetadata item) {
    var annotations = item.getMetadata().getAnnotations();
    if (annotations != null && annotations.containsKey(LAST_APPLIED)) {
      annotations.put(LAST_APPLIED, HIDDEN);
    }
    PodTemplateSpec template = null;
    io.fabric8.kubernetes.api.model.PodSpec spec = null;
    if (item instanceof io.fabric8.kubernetes.api.model.Pod pod) {
      spec = pod.getSpec();
    } else if (item instanceof io.fabric8.kubernetes.api.model.apps.Deployment d && d.getSpec() != null) {
      template = d.getSpec().getTemplate();
    } else if (item instanceof io.fabric8.kubernetes.api.model.apps.DaemonSet d && d.getSpec() != null) {
      template = d.getSpec().getTemplate();
    } else if (item instanceof io.fabric8.kubernetes.api.model.apps.ReplicaSet r && r.getSpec() != null) {
      template = r.getSpec().getTemplate();
    }
    if (template != null) {
      spec = template.getSpec();
    }
    if (spec == null) {
      return;
    }
    List<Container> containers = new ArrayList<>();
    if (spec.getContainers() != null) {
      containers.addAll(spec.getContainers());
    }
    if (spec.getInitContainers() != null) {
      containers.addAll(spec.getInitContainers());
    }
    for (Container container : containers) {
      if (container.getEnv() != null) {
        container.getEnv().stream().filter(env -> env.getValue() != null).forEach(env -> env.setValue(HIDDEN));
      }
    }
  }

  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  /** The dump redactor's mark, so one word marks everything hidden. */
  private static final String HIDDEN = dev.dindcluster.dump.Redactor.MARK;

  /** Headers and values in kubectl's order; {@link KubeObject#AGE} takes the creation timestamp. */
  static final class Columns {
    final List<String> headers = new ArrayList<>();
    final List<String> values = new ArrayList<>();
    private final String created;

    Columns(HasMetadata item) {
      this.created = item.getMetadata().getCreationTimestamp();
    }

    Columns add(String header, Object value) {
      headers.add(header);
      values.add(value == null ? null : value.toString());
      return this;
    }

    Columns age() {
      return add(KubeObject.AGE, created);
    }

    /** CONTAINERS, IMAGES and SELECTOR of a workload's pod template and selector. */
    Columns template(PodTemplateSpec template, LabelSelector selector) {
      List<Container> containers = template == null || template.getSpec() == null
          ? List.of() : template.getSpec().getContainers();
      add("CONTAINERS", join(containers.stream().map(Container::getName).toList()));
      add("IMAGES", join(containers.stream().map(Container::getImage).toList()));
      return add("SELECTOR", selector == null ? null : labels(selector.getMatchLabels()));
    }
  }

  static String join(List<String> values) {
    return values.isEmpty() ? null : String.join(",", values);
  }

  /** {@code k=v,k2=v2} in key order, or null (printed {@code <none>}) when there are none. */
  static String labels(Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return null;
    }
    return labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }
}
