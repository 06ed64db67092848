package dev.dindcluster.plan;

import dev.dindcluster.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A DIND_LABEL without CLUSTER_ID gets a random id 1..12, as in the original, and the id decides
 * the cluster's subnets. The original rolled blindly, so a second labelled cluster collided with
 * an existing one one time in twelve ("Pool overlaps" from the engine). Here the rolled id is kept
 * when its subnets are free, else the next free one (wrapping within 1..12) is taken.
 */
public final class RandomIdChoice {
  public static final int MAX_RANDOM_ID = 12;

  private RandomIdChoice() {}

  /**
   * @param rolled the plan made with the rolled id
   * @param planWithId plans the same settings with another id
   * @param taken the subnets of the networks that exist now
   * @return the rolled plan when its subnets are free (or when every id is taken), else the first free one
   */
  public static ClusterPlan avoidTaken(ClusterPlan rolled, IntFunction<ClusterPlan> planWithId, List<Cidr> taken) {
    if (!rolled.randomClusterId() || free(rolled, taken)) {
      return rolled;
    }
    for (int step = 1; step < MAX_RANDOM_ID; step++) {
      int id = (rolled.clusterId() - 1 + step) % MAX_RANDOM_ID + 1;
      ClusterPlan candidate = planWithId.apply(id);
      if (free(candidate, taken)) {
        return candidate;
      }
    }
    return rolled;
  }

  /** The subnets the cluster's network will have: management CIDRs and, in ipv6 mode, the NAT64 IPv4 subnet. */
  static List<Cidr> subnets(ClusterPlan plan) {
    List<Cidr> subnets = new ArrayList<>(plan.network().cidrs());
    plan.nat64Plan().ifPresent(n -> subnets.add(n.v4Subnet()));
    return subnets;
  }

  private static boolean free(ClusterPlan plan, List<Cidr> taken) {
    for (Cidr mine : subnets(plan)) {
      for (Cidr other : taken) {
        if (overlap(mine, other)) {
          return false;
        }
      }
    }
    return true;
  }

  static boolean overlap(Cidr a, Cidr b) {
    return a.family() == b.family()
        && (a.contains(b.network().address()) || b.contains(a.network().address()));
  }
}
