package dev.dindcluster.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSelectionTest {
  private static final List<String> IMAGES = List.of("dind-cluster.local/e2e/agnhost:2.21",
      "dind-cluster.local/e2e/jessie-dnsutils:1.0", "dind-cluster.local/e2e/busybox:1.29",
      "dind-cluster.local/e2e/nginx:1.14-alpine");

  @Test
  void withoutAnExpressionEveryImageIsCopied() {
    assertThat(ImageSelection.of(null).select(IMAGES)).isEqualTo(IMAGES);
    assertThat(ImageSelection.ALL.select(IMAGES)).isEqualTo(IMAGES);
  }

  @Test
  void anExpressionKeepsTheMatchingImagesInTheirOrder() {
    assertThat(ImageSelection.of("dnsutils|agnhost").select(IMAGES))
        .containsExactly("dind-cluster.local/e2e/agnhost:2.21", "dind-cluster.local/e2e/jessie-dnsutils:1.0");
  }

  @Test
  void badExpressionsAreBadInputNamingTheValue() {
    assertThatThrownBy(() -> ImageSelection.of("agnhost("))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--preload 'agnhost('");
    assertThatThrownBy(() -> ImageSelection.of(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("selects no image");
    assertThatThrownBy(() -> ImageSelection.of("nautilus").select(IMAGES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("matches none of the test images")
        .hasMessageContaining("dind-cluster.local/e2e/busybox:1.29");
  }
}
