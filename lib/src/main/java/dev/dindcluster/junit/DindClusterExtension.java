package dev.dindcluster.junit;

import dev.dindcluster.api.DindCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The extension behind {@link DindClusterTest}: one cluster per configuration, kept in JUnit's
 * store (the class's, or the root one for {@link DindClusterTest.Sharing#JVM}) and taken down or
 * cleaned when that store closes.
 */
public final class DindClusterExtension implements BeforeAllCallback, TestInstancePostProcessor, ParameterResolver, TestWatcher {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DindClusterExtension.class);

  /** Where failed tests' dumps go, relative to the working directory (Maven's: the module). */
  public static final Path DUMP_DIR = Path.of("target", "dind-cluster-dumps");

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster(context);
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
    for (Class<?> type = testInstance.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
          continue;
        }
        Optional<Object> value = valueFor(field.getType(), context);
        if (value.isPresent()) {
          field.setAccessible(true);
          field.set(testInstance, value.get());
        }
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == DindCluster.class || type == KubernetesClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return valueFor(parameter.getParameter().getType(), context)
        .orElseThrow(() -> new ParameterResolutionException("no " + parameter.getParameter().getType().getSimpleName()));
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    ClusterResource resource = resource(context);
    String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
    try {
      Path dir = DUMP_DIR.resolve(name);
      resource.cluster.dump(dir);
      System.err.println("dind-cluster: " + name + " failed; the cluster's state is in " + dir.toAbsolutePath());
      if (System.getenv("CI") != null) {
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        resource.cluster.dump64(blob);
        System.out.print(blob.toString(StandardCharsets.UTF_8));
        System.out.flush();
      }
    } catch (RuntimeException e) {
      System.err.println("dind-cluster: " + name + " failed and its dump failed too: " + e.getMessage());
    }
  }

  private Optional<Object> valueFor(Class<?> type, ExtensionContext context) {
    if (type == DindCluster.class) {
      return Optional.of(cluster(context));
    }
    if (type == KubernetesClient.class) {
      return Optional.of(cluster(context).client());
    }
    return Optional.empty();
  }

  private static DindCluster cluster(ExtensionContext context) {
    return resource(context).cluster;
  }

  private static ClusterResource resource(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    DindClusterTest settings = findAnnotation(testClass);
    ExtensionContext owner = settings.sharing() == DindClusterTest.Sharing.JVM ? context.getRoot() : classContext(context);
    String key = settings.sharing() == DindClusterTest.Sharing.JVM ? describe(settings) : testClass.getName();
    return owner.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> ClusterResource.start(settings), ClusterResource.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  private static DindClusterTest findAnnotation(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      DindClusterTest found = c.getAnnotation(DindClusterTest.class);
      if (found != null) {
        return found;
      }
    }
    throw new IllegalStateException(testClass.getName() + " uses DindClusterExtension without @DindClusterTest");
  }

  /** Classes asking for the same cluster share it; this is what "the same" means. */
  static String describe(DindClusterTest s) {
    return "numNodes=" + s.numNodes() + " clusterId=" + s.clusterId() + " ipMode=" + s.ipMode() + " version=" + s.kubernetesVersion()
        + " images=" + Arrays.toString(s.images()) + " knobs=" + Arrays.toString(s.knobs()) + " reuse=" + s.reuse();
  }

  /** A running cluster that JUnit closes with its store: down (keeping the snapshot) or clean. */
  static final class ClusterResource implements ExtensionContext.Store.CloseableResource {
    final DindCluster cluster;

    private ClusterResource(DindCluster cluster) {
      this.cluster = cluster;
    }

    static ClusterResource start(DindClusterTest s) {
      DindCluster.Builder builder = DindCluster.builder().numNodes(s.numNodes()).clusterId(s.clusterId()).ipMode(s.ipMode());
      if (!s.kubernetesVersion().isEmpty()) {
        builder.kubernetesVersion(s.kubernetesVersion());
      }
      for (String knob : s.knobs()) {
        int eq = knob.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("@DindClusterTest knobs: '" + knob + "' is not KNOB=VALUE");
        }
        builder.set(knob.substring(0, eq), knob.substring(eq + 1));
      }
      if (!s.reuse()) {
        builder.cleanOnClose();
      }
      DindCluster cluster = builder.build();
      cluster.up();
      if (s.images().length > 0) {
        cluster.copyImage(s.images());
      }
      return new ClusterResource(cluster);
    }

    @Override
    public void close() {
      cluster.close();
    }
  }
}
