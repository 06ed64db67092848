/**
 * Which cluster this is, and what everything of it is called. Read it with
 * {@link dev.dindcluster.net.ClusterAddressing}, which says which addresses it gets; together they
 * are the whole answer to "which names and subnets does this cluster have".
 *
 * <ol>
 *   <li>{@code CLUSTER_ID} and {@code DIND_LABEL} decide the {@link dev.dindcluster.naming.ClusterIdentity}:
 *       an id (0..254) for addresses and a label for Docker labels and name suffixes. The decision table
 *       (the original's, with validation) is {@code plan.IdentityRules}; {@link dev.dindcluster.naming.LabelRules}
 *       says which labels every derived name can carry.</li>
 *   <li>The suffix ({@code ""} for the default label, else {@code "-" + label}) gives every name:
 *       {@link dev.dindcluster.naming.ClusterNaming} (containers, volumes, network, support containers,
 *       kubectl context).</li>
 *   <li>The id goes into the management network: {@link dev.dindcluster.net.ClusterIdInjection}. Pod and
 *       service networks live inside a cluster and are the same for every cluster.</li>
 * </ol>
 *
 * <p>For example, {@code CLUSTER_ID=20}: label {@code cluster-20}, master {@code kube-master-cluster-20},
 * network {@code kubeadm-dind-net-cluster-20} on 10.192.20.0/24, context {@code dind-cluster-20}.
 * {@code DIND_LABEL=third} alone: names end in {@code -third}, and a random id 1..12 picks the subnet.
 */
package dev.dindcluster.naming;
