package dev.dindcluster.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test class that runs against a real multi-node cluster. The cluster is brought up (or
 * restored from its snapshot) before the class's first test, and {@code DindCluster} and fabric8's
 * {@code KubernetesClient} are injected as parameters and into fields of those types. When a test
 * fails, the cluster's state is written under {@code target/dind-cluster-dumps/} (and printed as a
 * {@code dump64} blob when the environment variable {@code CI} is set).
 *
 * <pre>{@code
 * @DindClusterTest(numNodes = 1, images = "my/operator:dev")
 * class OperatorIT {
 *   @Test void deploys(KubernetesClient client) { ... }
 * }
 * }</pre>
 *
 * JUnit is an optional dependency of the library: add {@code org.junit.jupiter:junit-jupiter} to
 * your tests as usual.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DindClusterExtension.class)
public @interface DindClusterTest {
  /**
   * Workers besides the master.
   *
   * @return NUM_NODES (0: a schedulable master alone)
   */
  int numNodes() default 1;

  /**
   * The cluster id; test clusters keep clear of a developer's default cluster (id 0).
   *
   * @return CLUSTER_ID, 1..254
   */
  int clusterId() default 230;

  /**
   * The IP mode.
   *
   * @return {@code ipv4}, {@code ipv6} or {@code dual-stack}
   */
  String ipMode() default "ipv4";

  /**
   * The Kubernetes version; empty for the library's default.
   *
   * @return e.g. {@code v1.20.2}
   */
  String kubernetesVersion() default "";

  /**
   * Images of the local engine copied into every node before the first test (pods use them without a registry).
   *
   * @return image names, e.g. {@code my/operator:dev}
   */
  String[] images() default {};

  /**
   * Any other knobs.
   *
   * @return {@code KNOB=VALUE} pairs, e.g. {@code SERVICE_CIDR=10.96.0.0/16}
   */
  String[] knobs() default {};

  /**
   * How long the cluster lives within one test run.
   *
   * @return {@link Sharing#CLASS} or {@link Sharing#JVM}
   */
  Sharing sharing() default Sharing.JVM;

  /**
   * Keep the cluster's volumes at the end of the run ({@code down}) so the next run restores it in
   * seconds; false removes everything ({@code clean}).
   *
   * @return whether to keep the snapshot
   */
  boolean reuse() default true;

  /** How long one cluster serves. */
  enum Sharing {
    /** One cluster per test class, taken down after its last test. */
    CLASS,
    /** One cluster per JVM for every class asking for the same configuration, taken down when the run ends. */
    JVM
  }
}
