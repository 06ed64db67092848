package dev.dindcluster.kube.fabric8;

import dev.dindcluster.kube.EventInfo;
import dev.dindcluster.kube.KubeApi;
import dev.dindcluster.kube.KubeFailure;
import dev.dindcluster.kube.KubeconfigEntry;
import dev.dindcluster.kube.KubeObject;
import dev.dindcluster.kube.NodeStatus;
import dev.dindcluster.kube.ObjectKind;
import dev.dindcluster.kube.PodStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** {@link KubeApi} through fabric8's client over the JDK HTTP client. */
public final class Fabric8KubeApi implements KubeApi {
  private static final Duration READYZ_TIMEOUT = Duration.ofSeconds(5);

  private final KubernetesClient client;

  Fabric8KubeApi(KubernetesClient client) {
    this.client = client;
  }

  /** A client for one context of a kubeconfig's text. */
  public static Fabric8KubeApi connect(String kubeconfigText, String context) {
    Config config;
    try {
      config = Config.fromKubeconfig(context, kubeconfigText, null);
    } catch (RuntimeException e) {
      throw new KubeFailure("kubeconfig context '" + context + "': " + e.getMessage(), e);
    }
    // fabric8 retries failed requests with a growing backoff (~20 s against an absent server);
    // our callers poll on their own clock, so each call must fail fast.
    config.setRequestRetryBackoffLimit(0);
    config.setConnectionTimeout(5_000);
    config.setRequestTimeout(30_000);
    return new Fabric8KubeApi(new KubernetesClientBuilder().withConfig(config).build());
  }

  public static Fabric8KubeApi connect(KubeconfigEntry entry) {
    return connect(entry.toKubeconfigYaml(), entry.name());
  }

  /**
   * Loads and initializes what the first connection and its first requests use (the client and its
   * HTTP stack, the YAML and JSON mappers, the node and pod models, TLS), without a connection: about
   * 1.5 s of a fresh JVM on 2 cores that would otherwise fall on a bring-up's critical path, at the
   * first API call after the nodes are up. Any failure is ignored: the real call does the same work.
   */
  public static void warmUp() {
    try {
      warmUpOrThrow();
    } catch (Exception | LinkageError e) {
      // nothing to do: the first real connection pays for what was not loaded here
    }
  }

  /** The warm-up's work; its own test checks that the fixtures below still parse. */
  static void warmUpOrThrow() throws Exception {
    Config config = Config.fromKubeconfig(null, WARM_UP_KUBECONFIG, null);
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      client.getHttpClient().newHttpRequestBuilder().uri(config.getMasterUrl() + "readyz").build();
      var serialization = client.getKubernetesSerialization();
      serialization.unmarshal(WARM_UP_NODES, io.fabric8.kubernetes.api.model.NodeList.class);
      serialization.unmarshal(WARM_UP_PODS, io.fabric8.kubernetes.api.model.PodList.class);
      client.load(new ByteArrayInputStream(WARM_UP_MANIFEST.getBytes(StandardCharsets.UTF_8))).items();
    }
    javax.net.ssl.SSLContext.getInstance("TLS").init(null, null, null);
  }

  private static final String WARM_UP_KUBECONFIG = String.join("\n",
      "apiVersion: v1", "kind: Config", "current-context: w",
      "clusters: [{name: w, cluster: {server: 'https://127.0.0.1:6443'}}]",
      "users: [{name: w, user: {token: w}}]",
      "contexts: [{name: w, context: {cluster: w, user: w}}]", "");
  private static final String WARM_UP_NODES = "{\"kind\":\"NodeList\",\"apiVersion\":\"v1\",\"items\":[{\"metadata\":"
      + "{\"name\":\"w\",\"labels\":{\"w\":\"w\"}},\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\","
      + "\"lastHeartbeatTime\":\"2020-01-01T00:00:00Z\"}]}}]}";
  private static final String WARM_UP_PODS = "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"items\":[{\"metadata\":"
      + "{\"name\":\"w\",\"namespace\":\"w\"},\"status\":{\"phase\":\"Running\",\"containerStatuses\":[{\"name\":\"w\","
      + "\"ready\":true,\"state\":{\"running\":{\"startedAt\":\"2020-01-01T00:00:00Z\"}}}]}}]}";
  private static final String WARM_UP_MANIFEST = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: w, namespace: w}\n";

  @Override
  public boolean readyz() {
    HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
        .uri(client.getMasterUrl().toString().replaceAll("/+$", "") + "/readyz")
        .build();
    try {
      HttpResponse<String> response = client.getHttpClient().sendAsync(request, String.class)
          .get(READYZ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return response.code() == 200 && "ok".equals(response.body() == null ? null : response.body().strip());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false; // not reachable yet, or TLS not up: simply not ready
    }
  }

  @Override
  public List<NodeStatus> nodes() {
    return call("list nodes", () -> client.nodes().list().getItems().stream()
        .map(Fabric8Views::node)
        .sorted(Comparator.comparing(NodeStatus::name))
        .collect(Collectors.toList()));
  }

  @Override
  public Set<String> configMapKeys(String namespace, String name) {
    return call("get configmap " + namespace + "/" + name, () -> {
      ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
      return map == null || map.getData() == null ? Set.of() : Set.copyOf(map.getData().keySet());
    });
  }

  @Override
  public void apply(String manifestYaml) {
    call("apply manifest", () -> {
      List<HasMetadata> items = client.load(new ByteArrayInputStream(manifestYaml.getBytes(StandardCharsets.UTF_8))).items();
      for (HasMetadata item : items) {
        String what = item.getKind() + " " + item.getMetadata().getName();
        call("apply " + what, () -> client.resource(item).createOr(NonDeletingOperation::update));
      }
      return null;
    });
  }

  @Override
  public List<PodStatus> pods(String namespace) {
    return call("list pods", () -> (namespace == null
            ? client.pods().inAnyNamespace().list()
            : client.pods().inNamespace(namespace).list())
        .getItems().stream()
        .map(Fabric8Views::pod)
        .collect(Collectors.toList()));
  }

  @Override
  public String podLogs(String namespace, String pod, String container, boolean previous) {
    String what = "logs of " + namespace + "/" + pod + (container == null ? "" : " container " + container)
        + (previous ? " (previous)" : "");
    return call(what, () -> {
      PodResource resource = client.pods().inNamespace(namespace).withName(pod);
      var logs = container == null ? resource : resource.inContainer(container);
      String log = previous ? logs.terminated().getLog() : logs.getLog();
      if (log == null) {
        // fabric8 answers a 404 with null rather than an exception.
        throw new KubeFailure(what + ": not found");
      }
      return log;
    });
  }

  @Override
  public void copyPodLogs(String namespace, String pod, String container, boolean previous, OutputStream out)
      throws IOException {
    String what = "logs of " + namespace + "/" + pod + (container == null ? "" : " container " + container)
        + (previous ? " (previous)" : "");
    InputStream log = call(what, () -> {
      PodResource resource = client.pods().inNamespace(namespace).withName(pod);
      var logs = container == null ? resource : resource.inContainer(container);
      return previous ? logs.terminated().getLogInputStream() : logs.getLogInputStream();
    });
    if (log == null) {
      throw new KubeFailure(what + ": not found");
    }
    try (log) {
      log.transferTo(out);
    } catch (IOException e) {
      // The API server went away mid-log: what arrived stays written, the caller notes the rest.
      throw new KubeFailure(what + ": cut off: " + e.getMessage(), e);
    }
  }

  @Override
  public List<KubeObject> objects(ObjectKind kind) {
    return call("list " + kind.kind + "s", () -> new Fabric8Objects(client).list(kind));
  }

  @Override
  public List<EventInfo> events(String namespace) {
    return call("list events", () -> (namespace == null
            ? client.v1().events().inAnyNamespace().list()
            : client.v1().events().inNamespace(namespace).list())
        .getItems().stream()
        .map(Fabric8Views::event)
        .sorted(Comparator.comparing(e -> e.lastSeen() == null ? "" : e.lastSeen()))
        .collect(Collectors.toList()));
  }

  @Override
  public void close() {
    client.close();
  }

  /** Runs a call, turning fabric8's exceptions into a {@link KubeFailure} that names it. */
  private static <T> T call(String what, Supplier<T> body) {
    try {
      return body.get();
    } catch (KubeFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KubeFailure(what + ": " + Fabric8Views.message(e), e);
    }
  }

}
