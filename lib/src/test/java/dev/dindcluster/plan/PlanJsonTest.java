package dev.dindcluster.plan;

import static dev.dindcluster.plan.PlanFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The required JSON keys, read back with a real JSON parser. */
class PlanJsonTest {
  private static JsonNode json(ClusterPlan plan) throws Exception {
    String text = PlanJson.toJson(plan);
    assertThat(text).endsWith("}\n");
    return new ObjectMapper().readTree(text);
  }

  @Test
  void requiredKeysForIpv4() throws Exception {
    JsonNode j = json(plan("CLUSTER_ID=20", "NUM_NODES=1"));
    assertThat(j.get("ipMode").asText()).isEqualTo("ipv4");
    assertThat(j.get("clusterId").isInt()).isTrue();
    assertThat(j.get("clusterId").asInt()).isEqualTo(20);
    assertThat(j.get("label").asText()).isEqualTo("cluster-20");
    assertThat(j.get("suffix").asText()).isEqualTo("-cluster-20");
    assertThat(j.get("context").asText()).isEqualTo("dind-cluster-20");
    assertThat(j.at("/network/name").asText()).isEqualTo("kubeadm-dind-net-cluster-20");
    assertThat(j.at("/network/cidrs/0").asText()).isEqualTo("10.192.20.0/24");
    assertThat(j.get("nodes")).hasSize(2);
    JsonNode master = j.at("/nodes/0");
    assertThat(master.get("name").asText()).isEqualTo("kube-master-cluster-20");
    assertThat(master.get("role").asText()).isEqualTo("master");
    assertThat(master.at("/ips/0").asText()).isEqualTo("10.192.20.2");
    assertThat(master.at("/podCidrs/0").asText()).isEqualTo("10.244.1.0/24");
    assertThat(master.get("volume").asText()).isEqualTo("kubeadm-dind-kube-master-cluster-20");
    assertThat(j.at("/nodes/1/role").asText()).isEqualTo("worker");
    assertThat(j.at("/podNetworkCidrs/0").asText()).isEqualTo("10.244.0.0/16");
    assertThat(j.get("serviceCidr").asText()).isEqualTo("10.96.0.0/12");
    assertThat(j.get("dnsServiceIp").asText()).isEqualTo("10.96.0.10");
    assertThat(j.get("advertiseAddress").asText()).isEqualTo("10.192.20.2");
    assertThat(j.at("/apiServer/bindAddress").asText()).isEqualTo("127.0.0.1");
    assertThat(j.at("/apiServer/port").asInt()).isZero();
    assertThat(j.get("image").asText()).isEqualTo("dind-cluster/node:v1.20.2");
    assertThat(j.has("nat64")).isFalse();
  }

  @Test
  void nat64KeysForIpv6() throws Exception {
    JsonNode j = json(plan("IP_MODE=ipv6"));
    assertThat(j.at("/nat64/v4Prefix").asText()).isEqualTo("172.18");
    assertThat(j.at("/nat64/serverIp").asText()).isEqualTo("fd00:20::200");
    assertThat(j.at("/nat64/dnsServerIp").asText()).isEqualTo("fd00:20::100");
    assertThat(j.at("/nat64/dns64PrefixCidr").asText()).isEqualTo("fd00:10:64:ff9b::/96");
    assertThat(j.at("/apiServer/bindAddress").asText()).isEqualTo("::1");
  }

  @Test
  void dualStackListsKeepIpv4First() throws Exception {
    JsonNode j = json(plan("IP_MODE=dual-stack", "MGMT_CIDRS=fd00:99::/64 10.50.0.0/24"));
    assertThat(j.at("/network/cidrs").toString()).isEqualTo("[\"10.50.0.0/24\",\"fd00:99::/64\"]");
    assertThat(j.at("/nodes/0/ips").toString()).isEqualTo("[\"10.50.0.2\",\"fd00:99::2\"]");
    assertThat(j.at("/podNetworkCidrs").toString()).isEqualTo("[\"10.244.0.0/16\",\"fd00:40::/72\"]");
  }

  @Test
  void textFormMentionsTheSameFacts() {
    String text = PlanText.toText(plan("IP_MODE=ipv6", "CLUSTER_ID=3"));
    assertThat(text).contains("dind-cluster-3", "kube-master-cluster-3", "fd00:20:3::2", "fd00:40:0:0:1::/80",
        "fd00:30::a", "tayga-cluster-3", "172.21.0.200");
  }

  @Test
  void escapesStrings() {
    assertThat(dev.dindcluster.format.DataFormat.JSON.write(java.util.Map.of("k", "a\"b\\c\n\u0001"))).isEqualTo("{\n  \"k\": \"a\\\"b\\\\c\\n\\u0001\"\n}\n");
  }
}
