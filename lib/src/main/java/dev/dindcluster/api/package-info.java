/**
 * The public Java API of dind-cluster. With {@code dev.dindcluster.junit} (its JUnit 5 extension)
 * the only packages promised to users: everything else in the library may change between releases.
 *
 * <p>{@link dev.dindcluster.api.DindCluster} brings up, restores, inspects and removes a
 * multi-node kubeadm cluster whose nodes are Docker containers, exactly as the command line does:
 * <pre>{@code
 * try (DindCluster cluster = DindCluster.builder().numNodes(1).cleanOnClose().build()) {
 *   cluster.up();
 *   System.out.println(cluster.client().nodes().list().getItems().size());
 * }
 * }</pre>
 * Invalid configuration throws {@link dev.dindcluster.config.InvalidConfigException} from
 * {@code build()}, listing every problem; a failed operation throws {@link
 * dev.dindcluster.api.DindClusterException}, whose message names the step and carries the tail of
 * the failing command's output.
 */
package dev.dindcluster.api;
