package dev.dindcluster.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestrictedHostTest {
  // Real CapBnd lines: this machine's (bit 24 clear) and a full set.
  private static final String THIS_MACHINE = "Name:\tjava\nCapInh:\t0000000000000000\nCapBnd:\t000001fffeffffff\n";
  private static final String FULL = "Name:\tjava\nCapBnd:\t000001ffffffffff\n";

  @Test
  void bit24DecidesWhenAuto(@TempDir Path dir) throws IOException {
    assertThat(RestrictedHost.decide(Map.of(), Files.writeString(dir.resolve("a"), THIS_MACHINE))).isTrue();
    assertThat(RestrictedHost.decide(Map.of("DIND_RESTRICTED", "auto"), Files.writeString(dir.resolve("b"), FULL))).isFalse();
  }

  @Test
  void theEnvironmentOverrides(@TempDir Path dir) throws IOException {
    Path full = Files.writeString(dir.resolve("full"), FULL);
    Path restricted = Files.writeString(dir.resolve("restricted"), THIS_MACHINE);
    assertThat(RestrictedHost.decide(Map.of("DIND_RESTRICTED", "yes"), full)).isTrue();
    assertThat(RestrictedHost.decide(Map.of("DIND_RESTRICTED", "no"), restricted)).isFalse();
  }

  @Test
  void aBadValueIsInvalidInput(@TempDir Path dir) {
    assertThatThrownBy(() -> RestrictedHost.decide(Map.of("DIND_RESTRICTED", "maybe"), dir.resolve("none")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DIND_RESTRICTED='maybe': must be auto, yes or no");
  }

  @Test
  void noStatusFileMeansNotRestricted(@TempDir Path dir) {
    assertThat(RestrictedHost.decide(Map.of(), dir.resolve("absent"))).isFalse();
  }
}
