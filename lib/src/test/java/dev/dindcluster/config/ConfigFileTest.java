package dev.dindcluster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigFileTest {
  @TempDir Path dir;

  private Map<String, String> read(String content) throws Exception {
    Path file = dir.resolve("config.sh");
    Files.writeString(file, content);
    return ConfigFile.read(file);
  }

  @Test
  void readsTheOriginalsIdiomsAndPlainAssignments() throws Exception {
    Map<String, String> values = read(String.join("\n",
        "# kubeadm-dind-cluster config",
        "",
        "IP_MODE=\"${IP_MODE:-ipv4}\"",
        "  export NUM_NODES=3   # workers",
        "MGMT_CIDRS=\"10.192.0.0/24, fd00:20::/64\"",
        "DIND_IMAGE=\"${DIND_IMAGE:-mirantis/kubeadm-dind-cluster:local}\"",
        "CLUSTER_ID=",
        "DIND_LABEL='my label'",
        "FEATURE_GATES=${FEATURE_GATES:-none}",
        "EXTRA=a\"b c\"'d'",
        "ESCAPED=\"say \\\"hi\\\" \\$HOME\"",
        "NUM_NODES=4",
        ""));
    assertThat(values).containsExactly(
        Map.entry("IP_MODE", "ipv4"),
        Map.entry("NUM_NODES", "4"),
        Map.entry("MGMT_CIDRS", "10.192.0.0/24, fd00:20::/64"),
        Map.entry("DIND_IMAGE", "mirantis/kubeadm-dind-cluster:local"),
        Map.entry("CLUSTER_ID", ""),
        Map.entry("DIND_LABEL", "my label"),
        Map.entry("FEATURE_GATES", "none"),
        Map.entry("EXTRA", "ab cd"),
        Map.entry("ESCAPED", "say \"hi\" $HOME"));
  }

  @ParameterizedTest(name = "rejects: {0}")
  @ValueSource(strings = {
    "if [ ${IP_MODE} = ipv6 ]; then",
    "DIND_SUBNET=$(hostname)",
    "A=\"${B:-x}\"",
    "A=$HOME",
    "A=\"unterminated",
    "A=b c",
    "A=`date`",
    "1A=x",
    "source other.sh",
    "A=x; B=y",
  })
  void rejectsShellItCannotReadWithFileAndLine(String line) throws Exception {
    Path file = dir.resolve("bad.sh");
    Files.writeString(file, "# ok\nNUM_NODES=1\n" + line + "\n");
    assertThatThrownBy(() -> ConfigFile.read(file))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
          assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.knob()).isEqualTo(file + ":3");
            assertThat(p.value()).isEqualTo(line);
          });
        });
  }

  @Test
  void reportsEveryBadLineAndAMissingFile() throws Exception {
    Path file = dir.resolve("bad.sh");
    Files.writeString(file, "fi\nA=1\nelse\n");
    assertThatThrownBy(() -> ConfigFile.read(file))
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.problems()).extracting(Problem::knob).containsExactly(file + ":1", file + ":3"));
    assertThatThrownBy(() -> ConfigFile.read(dir.resolve("missing.sh")))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("missing.sh");
  }

  @ParameterizedTest(name = "{0} -> [{1}]")
  @CsvSource(delimiter = '|', value = {
    "\"${A:-}\" | ''",
    "\"${A-x y}\" | x y",
    "${A:-fd00:20::/64} | fd00:20::/64",
  })
  void defaultIdiomVariants(String rhs, String expected) {
    assertThat(ConfigFile.value("A", rhs)).isEqualTo(expected.equals("''") ? "" : expected);
  }

  @Test
  void singleQuotesKeepTheIdiomLiteral() {
    assertThat(ConfigFile.value("A", "'${A:-x}'")).isEqualTo("${A:-x}");
  }
}
