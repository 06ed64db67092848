package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BootstrapTokenTest {
  @Test
  void aTokenHasKubeadmsShapeAndItsIdIsThePartBeforeTheDot() {
    String token = BootstrapToken.generate(new Random(7));
    assertThat(token).matches("[a-z0-9]{6}\\.[a-z0-9]{16}");
    assertThat(BootstrapToken.id(token)).isEqualTo(token.substring(0, 6));
    assertThat(BootstrapToken.generate(new Random(8))).isNotEqualTo(token);
  }

  @Test
  void somethingElseIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> BootstrapToken.id("secretvalue"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secretvalue");
  }
}
