package dev.dindcluster.plan;

import static dev.dindcluster.plan.PlanFixtures.RELEASE;
import static dev.dindcluster.plan.PlanFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dindcluster.net.Cidr;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RandomIdChoiceTest {
  private static ClusterPlan rolled(int id, String... assignments) {
    Map<String, String> s = settings(assignments);
    return Planner.plan(s, RELEASE, () -> id);
  }

  private static ClusterPlan choose(int rolledId, List<String> taken, String... assignments) {
    Map<String, String> s = settings(assignments);
    return RandomIdChoice.avoidTaken(Planner.plan(s, RELEASE, () -> rolledId), id -> Planner.plan(s, RELEASE, () -> id),
        taken.stream().map(Cidr::parse).toList());
  }

  @Test
  void keepsTheRolledIdWhenItsSubnetIsFree() {
    assertThat(choose(3, List.of("10.192.0.0/24", "10.192.20.0/24", "172.17.0.0/16"), "DIND_LABEL=third").clusterId()).isEqualTo(3);
  }

  @Test
  void takesTheNextFreeIdWrappingWithin1To12() {
    assertThat(choose(3, List.of("10.192.3.0/24", "10.192.4.0/24"), "DIND_LABEL=third").clusterId()).isEqualTo(5);
    ClusterPlan wrapped = choose(12, List.of("10.192.12.0/24"), "DIND_LABEL=third");
    assertThat(wrapped.clusterId()).isEqualTo(1);
    assertThat(wrapped.network().cidrs()).hasToString("[10.192.1.0/24]");
    assertThat(wrapped.master().name()).isEqualTo("kube-master-third");
  }

  @Test
  void anExplicitClusterIdIsNeverChanged() {
    assertThat(choose(3, List.of("10.192.20.0/24"), "CLUSTER_ID=20").clusterId()).isEqualTo(20);
    assertThat(choose(3, List.of("10.192.5.0/24"), "DIND_LABEL=foo", "CLUSTER_ID=5").clusterId()).isEqualTo(5);
  }

  @Test
  void ipv6ModeAlsoAvoidsTakenNat64Subnets() {
    // id 3 -> fd00:20:3::/64 is free, but its NAT64 subnet 172.21.0.0/16 is taken.
    ClusterPlan p = choose(3, List.of("172.21.0.0/16"), "IP_MODE=ipv6", "DIND_LABEL=six");
    assertThat(p.clusterId()).isEqualTo(4);
    assertThat(p.nat64Plan().orElseThrow().v4Subnet()).hasToString("172.22.0.0/16");
  }

  @Test
  void whenEveryIdIsTakenTheRolledOneStays() {
    List<String> all = java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(i -> "10.192." + i + ".0/24").toList();
    assertThat(choose(7, all, "DIND_LABEL=third").clusterId()).isEqualTo(7);
  }

  @Test
  void overlapIsPerFamilyAndBothWays() {
    assertThat(RandomIdChoice.overlap(Cidr.parse("10.192.0.0/16"), Cidr.parse("10.192.3.0/24"))).isTrue();
    assertThat(RandomIdChoice.overlap(Cidr.parse("10.192.3.0/24"), Cidr.parse("10.192.0.0/16"))).isTrue();
    assertThat(RandomIdChoice.overlap(Cidr.parse("10.192.3.0/24"), Cidr.parse("10.192.4.0/24"))).isFalse();
    assertThat(RandomIdChoice.overlap(Cidr.parse("fd00:20:3::/64"), Cidr.parse("10.192.3.0/24"))).isFalse();
    assertThat(rolled(2, "DIND_LABEL=x").randomClusterId()).isTrue();
  }
}
