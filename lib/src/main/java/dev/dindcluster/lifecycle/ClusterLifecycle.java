package dev.dindcluster.lifecycle;

import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.NodePlan;
import dev.dindcluster.runtime.ContainerInfo;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The commands as lists of small actions (kind's create/delete actions). {@code up} takes the
 * original's decision: restore from the snapshot on the node volumes when they are all there,
 * else a full bring-up that ends by marking the snapshot.
 */
public final class ClusterLifecycle {
  private ClusterLifecycle() {}

  /** What {@code up} will do for this plan given what exists now. */
  public enum UpMode { FULL, RESTORE }

  /**
   * {@code up}'s choice and why, said in one progress line.
   *
   * @param replacesVolumes existing volumes of this cluster are thrown away (said as a warning)
   */
  public record UpDecision(UpMode mode, String reason, boolean replacesVolumes) {}

  /**
   * Restore when every node volume of this cluster exists and holds a complete snapshot; else a
   * full bring-up. Volumes without a complete snapshot (a bring-up killed before its end) are this
   * cluster's own and unusable: the full bring-up replaces them, unless {@code keepIncomplete}
   * (--retain), which keeps them for debugging and refuses.
   */
  public static UpDecision decideUp(ClusterPlan plan, NodeRuntime runtime, boolean keepIncomplete) {
    if (plan.options().skipSnapshot()) {
      return decide(plan, List.of(), Optional.empty(), keepIncomplete);
    }
    List<String> missing = new ArrayList<>();
    for (NodePlan node : plan.nodes()) {
      var volume = runtime.findVolume(node.volume());
      if (volume.isEmpty() || !ClusterLabels.belongsTo(volume.get().labels(), plan)) {
        missing.add(node.volume());
      }
    }
    // The probe only when every volume is there: it would not change the answer otherwise.
    Optional<List<String>> incomplete = missing.isEmpty() ? SnapshotProbe.incompleteNodes(plan, runtime) : Optional.empty();
    return decide(plan, missing, incomplete, keepIncomplete);
  }

  /**
   * The decision from what was read: the node volumes that are missing (or not ours) and the nodes
   * whose volume holds no complete snapshot (empty when that could not be read). {@code status}
   * reads the same facts once and decides with this too.
   */
  static UpDecision decide(ClusterPlan plan, List<String> missingVolumes, Optional<List<String>> incompleteNodes,
      boolean keepIncomplete) {
    if (plan.options().skipSnapshot()) {
      return new UpDecision(UpMode.FULL, "SKIP_SNAPSHOT is set", false);
    }
    if (missingVolumes.size() == plan.nodes().size()) {
      return new UpDecision(UpMode.FULL, "no node volumes yet", false);
    }
    if (!missingVolumes.isEmpty()) {
      return new UpDecision(UpMode.FULL, "node volume(s) " + String.join(", ", missingVolumes)
          + " missing: the snapshot is incomplete, every volume is made anew", true);
    }
    if (incompleteNodes.isEmpty() || incompleteNodes.get().isEmpty()) {
      return new UpDecision(UpMode.RESTORE, "the node volumes hold a snapshot", false);
    }
    String what = "the volumes of " + String.join(", ", incompleteNodes.get())
        + " hold no complete snapshot (an earlier bring-up was interrupted)";
    if (keepIncomplete) {
      throw new ClusterStateException(what + "; --retain keeps them for debugging: run 'clean', then 'up'");
    }
    return new UpDecision(UpMode.FULL, what + ": they are replaced by a full bring-up", true);
  }

  /** {@code up}: decides (recorded in the session for the summary) and returns that mode's actions. */
  public static List<Action> up(ClusterSession session) {
    UpDecision decision = decideUp(session.plan(), session.runtime(), session.retain());
    session.upDecision = decision;
    String line = (decision.mode() == UpMode.RESTORE ? "restoring: " : "full bring-up: ") + decision.reason();
    if (decision.replacesVolumes()) {
      session.progress().warn(line);
    } else {
      session.progress().detail(line);
    }
    return decision.mode() == UpMode.RESTORE
        ? restore(session.plan())
        : fullBringUp(session.plan(), List.of(), List.of());
  }

  public static List<Action> fullBringUp(ClusterPlan plan, List<String> initArgs, List<String> joinArgs) {
    List<Action> actions = new ArrayList<>();
    actions.add(BringUp.checkSupported());
    actions.add(BringUp.checkImage());
    // Independent engine work, at once: the network is not the old containers' or volumes' concern,
    // and the old containers go before their volumes can.
    actions.add(BringUp.concurrently("Creating network and node volumes", BringUp.ensureNetwork(),
        BringUp.sequence(removeContainers(), BringUp.freshVolumes())));
    actions.addAll(Ipv6Setup.supportContainers(plan));
    actions.addAll(LocalRegistry.start(plan));
    // The master first; its kubeadm init then runs while the workers boot (on 2 cores, booting all
    // three before init made init wait for CPU the workers were using).
    actions.add(BringUp.startMasterMakingInitFiles(initArgs).waiting());
    Action init = BringUp.sequence(BringUp.configurePodNetwork(List.of(plan.master())), BringUp.kubeadmInit(initArgs));
    actions.add(plan.workers().isEmpty()
        ? init.waiting()
        : BringUp.concurrently("kubeadm init while " + plan.workers().size() + " workers start", init,
            BringUp.sequence(BringUp.startNodes("Starting workers", plan.workers()), BringUp.configurePodNetwork(plan.workers())))
            .waiting());
    actions.addAll(Ipv6Setup.routeNodes(plan, plan.nodes()));
    actions.addAll(LocalRegistry.routeNodes(plan, plan.nodes()));
    actions.add(BringUp.writeKubeconfig());
    Action addOns = BringUp.sequence(BringUp.deployDns(), LocalVolumes.deploy());
    if (plan.workers().isEmpty()) {
      actions.add(addOns);
    } else {
      // Neither needs the other: the add-ons' pods wait for nodes on their own.
      Action joins = BringUp.sequence(
          BringUp.concurrently("Issuing the workers' kubelet certificates while the join token is signed",
              BringUp.issueKubeletCertificates(plan.workers()), BringUp.awaitJoinTokenSigned()),
          BringUp.joinWorkers(plan.workers(), joinArgs));
      actions.add(BringUp.concurrently("kubeadm join (" + plan.workers().size() + " in parallel) while cluster DNS and local"
          + " volumes deploy", joins, addOns).waiting());
    }
    actions.add(BringUp.waitReady().waiting());
    if (!plan.options().skipSnapshot()) {
      actions.add(BringUp.markSnapshot());
    }
    return actions;
  }

  public static List<Action> restore(ClusterPlan plan) {
    List<Action> actions = new ArrayList<>();
    actions.add(BringUp.checkSupported());
    actions.add(BringUp.checkImage());
    actions.add(BringUp.checkSnapshotRuntime());
    actions.add(BringUp.concurrently("Removing the cluster's containers, creating network", removeContainers(),
        BringUp.ensureNetwork()));
    actions.addAll(Ipv6Setup.supportContainers(plan));
    actions.addAll(LocalRegistry.start(plan));
    actions.add(BringUp.restoreNodes("Restoring " + plan.nodes().size() + " node containers from their volumes", plan.nodes()).waiting());
    actions.add(BringUp.checkSnapshot());
    actions.add(BringUp.configurePodNetwork(plan.nodes()));
    actions.addAll(Ipv6Setup.routeNodes(plan, plan.nodes()));
    actions.addAll(LocalRegistry.routeNodes(plan, plan.nodes()));
    actions.add(BringUp.writeKubeconfig());
    actions.add(BringUp.waitReady().waiting());
    return actions;
  }

  /** {@code init}: the master alone, with extra kubeadm init arguments (workers come with {@code join}). */
  public static List<Action> init(ClusterPlan plan, List<String> initArgs) {
    List<Action> actions = new ArrayList<>();
    actions.add(BringUp.checkSupported());
    actions.add(BringUp.checkImage());
    actions.add(removeContainers());
    actions.add(BringUp.ensureNetwork());
    actions.addAll(Ipv6Setup.supportContainers(plan));
    actions.addAll(LocalRegistry.start(plan));
    actions.add(Action.of("Creating the master's volume", s -> {
      NodePlan master = s.plan().master();
      if (s.runtime().findVolume(master.volume()).isPresent()) {
        s.runtime().removeVolume(master.volume());
      }
      s.runtime().createVolume(master.volume(), ClusterLabels.volume(s.plan()));
      s.ledger().volume(master.volume());
    }));
    actions.add(BringUp.startNodes("Starting the master", List.of(plan.master())));
    actions.add(BringUp.configurePodNetwork(List.of(plan.master())));
    actions.addAll(Ipv6Setup.routeNodes(plan, List.of(plan.master())));
    actions.addAll(LocalRegistry.routeNodes(plan, List.of(plan.master())));
    actions.add(BringUp.kubeadmInit(initArgs).waiting());
    actions.add(BringUp.writeKubeconfig());
    actions.add(BringUp.deployDns());
    actions.add(LocalVolumes.deploy());
    return actions;
  }

  /**
   * {@code join}: one more worker ({@code newNode}, planned with the grown NUM_NODES) joined to the
   * running master with a fresh token; every node gets routes to its pod CIDR.
   */
  public static List<Action> join(ClusterPlan grownPlan, NodePlan newNode, List<String> joinArgs) {
    List<Action> actions = new ArrayList<>();
    actions.add(BringUp.checkSupported());
    actions.add(BringUp.checkImage());
    actions.add(Action.of("Fetching join credentials from " + grownPlan.master().name(), s -> {
      String master = s.plan().master().name();
      s.bootstrapToken = NodeOps.run(s.runtime(), master, java.time.Duration.ofMinutes(1), "kubeadm", "token", "create").stdout().strip();
      s.caCertHash = CaCertHash.of(NodeOps.readText(s.runtime(), master, "/etc/kubernetes/pki/ca.crt"));
    }));
    actions.add(Action.of("Creating volume " + newNode.volume(), s -> {
      if (s.runtime().findVolume(newNode.volume()).isPresent()) {
        s.runtime().removeVolume(newNode.volume());
      }
      s.runtime().createVolume(newNode.volume(), ClusterLabels.volume(s.plan()));
      s.ledger().volume(newNode.volume());
    }));
    actions.add(BringUp.startNodes("Starting " + newNode.name(), List.of(newNode)));
    actions.add(BringUp.configurePodNetwork(List.of(newNode)));
    actions.addAll(Ipv6Setup.routeNodes(grownPlan, List.of(newNode)));
    actions.addAll(LocalRegistry.routeNodes(grownPlan, List.of(newNode)));
    actions.add(Action.of("Adding pod routes to " + newNode.name() + " on every node", s -> {
      if (s.plan().cniPlugin().perNodeRoutes) {
        var running = ClusterQueries.runningNodes(s.plan(), s.runtime()).stream().map(c -> c.name()).toList();
        Parallel.forEach(s.plan().nodes().stream().filter(n -> running.contains(n.name())).toList(),
            node -> NodeOps.addPodRoutes(s.plan(), s.runtime(), node));
      }
    }));
    actions.add(BringUp.joinWorkers(List.of(newNode), joinArgs));
    return actions;
  }

  /** Removes every container of the cluster (running or not); volumes and network stay. */
  public static Action removeContainers() {
    return Action.of("Removing the cluster's containers", s -> {
      List<ContainerInfo> containers = new java.util.ArrayList<>(s.runtime().containersWithLabel(ClusterLabels.filter(s.plan()), true));
      containers.addAll(s.runtime().containersWithLabel(ClusterLabels.bakeHelperFilter(s.plan()), true));
      Parallel.forEach(containers, c -> {
        s.runtime().removeContainer(c.name());
        s.progress().detail("removed container " + c.name());
      });
    });
  }

  public static List<Action> down() {
    return List.of(removeContainers());
  }

  public static List<Action> clean() {
    return List.of(
        removeContainers(),
        Action.of("Removing support containers", s -> {
          for (ContainerInfo c : s.runtime().containersWithLabel(ClusterLabels.SUPPORT + "=" + s.plan().label(), true)) {
            s.runtime().removeContainer(c.name());
          }
        }),
        Action.of("Removing volumes", s -> {
          var pattern = java.util.regex.Pattern.compile(s.plan().naming().volumeNameRegex());
          for (var volume : s.runtime().volumesWithLabel(ClusterLabels.filter(s.plan()))) {
            // Both: ours by label and named as the original named node volumes.
            if (pattern.matcher(volume.name()).matches()) {
              s.runtime().removeVolume(volume.name());
              s.progress().detail("removed volume " + volume.name());
            }
          }
        }),
        Action.of("Removing network", s -> {
          var network = s.runtime().findNetwork(s.plan().network().name());
          if (network.isEmpty()) {
            return;
          }
          if (!ClusterLabels.belongsTo(network.get().labels(), s.plan())) {
            s.progress().warn("network " + network.get().name() + " is not labelled " + ClusterLabels.filter(s.plan())
                + ": not ours, left alone");
            return;
          }
          s.runtime().removeNetwork(network.get().name());
        }),
        Action.of("Removing kubeconfig context", s -> {
          if (s.kubeconfigs().remove(s.plan().context())) {
            s.progress().detail("removed " + s.plan().context() + " from " + s.kubeconfigs().path());
          }
        }));
  }
}
