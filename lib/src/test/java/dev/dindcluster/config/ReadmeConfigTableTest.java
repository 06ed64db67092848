package dev.dindcluster.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadmeConfigTableTest {
  @Test
  void readmeTableMatchesTheKnobsInCode() throws Exception {
    Path readme = Path.of("src", "main", "java", "dev", "dindcluster", "config", "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    assertThat(text)
        .as("the configuration reference's table is generated: run scripts/gen-readme")
        .isEqualTo(KnobTable.updated(text));
  }

  @Test
  void everyKnobOfTheOriginalIsInTheTable() {
    String table = KnobTable.markdown();
    for (String knob : new String[] {"IP_MODE", "CLUSTER_ID", "DIND_LABEL", "MGMT_CIDRS", "POD_NETWORK_CIDR",
        "SERVICE_CIDR", "NUM_NODES", "CNI_PLUGIN", "APISERVER_PORT", "DIND_PORT_FORWARDER", "NAT64_V4_SUBNET_PREFIX",
        "DNS64_PREFIX", "SKIP_SNAPSHOT", "FEATURE_GATES", "DIND_IMAGE"}) {
      assertThat(table).contains("| `" + knob + "` |");
    }
  }
}
