package dev.dindcluster.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SpecFilterTest {
  private static final String DNS_SPEC = "[sig-network] DNS should provide DNS for services  [Conformance]";
  private static final String SERIAL_SPEC = "[sig-scheduling] SchedulerPredicates [Serial] validates resource limits of pods that are allowed to run  [Conformance]";

  @Test
  void defaultsSelectWhatTheOriginalRan() {
    SpecFilter parallel = SpecFilter.of(E2eSuite.PARALLEL, null, null);
    assertThat(Pattern.compile(parallel.focus()).matcher(DNS_SPEC).find()).isTrue();
    assertThat(Pattern.compile(parallel.skip()).matcher(SERIAL_SPEC).find()).isTrue();
    assertThat(Pattern.compile(parallel.skip()).matcher(DNS_SPEC).find()).isFalse();

    SpecFilter serial = SpecFilter.of(E2eSuite.SERIAL, null, null);
    assertThat(Pattern.compile(serial.focus()).matcher(SERIAL_SPEC).find()).isTrue();
    assertThat(Pattern.compile(serial.focus()).matcher(DNS_SPEC).find()).isFalse();
    assertThat(serial.skip()).isEmpty();
    assertThat(E2eSuite.SERIAL.ginkgoNodes()).isEqualTo(1);
    assertThat(E2eSuite.PARALLEL.ginkgoNodes()).isEqualTo(E2eSuite.PARALLEL_PROCESSES).isEqualTo(4);
  }

  @Test
  void givenExpressionsReplaceTheDefaults() {
    SpecFilter f = SpecFilter.of(E2eSuite.PARALLEL, "DNS", "");
    assertThat(f.focus()).isEqualTo("DNS");
    assertThat(f.skip()).isEmpty();
  }

  @Test
  void invalidExpressionIsAnInputErrorQuotingIt() {
    assertThatThrownBy(() -> SpecFilter.of(E2eSuite.PARALLEL, "[Conformance", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("focus expression '[Conformance'")
        .hasMessageContaining("escape brackets");
    assertThatThrownBy(() -> SpecFilter.of(E2eSuite.PARALLEL, "DNS", "(unclosed"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("skip expression '(unclosed'");
  }

  @Test
  void constructsGoLacksAreRefusedByName() {
    assertThatThrownBy(() -> SpecFilter.of(E2eSuite.PARALLEL, "DNS(?!x)", null))
        .hasMessageContaining("negative lookahead").hasMessageContaining("RE2");
    assertThatThrownBy(() -> SpecFilter.of(E2eSuite.PARALLEL, "(?<=a)b", null)).hasMessageContaining("lookbehind");
    assertThatThrownBy(() -> SpecFilter.of(E2eSuite.PARALLEL, "(a)\\1", null)).hasMessageContaining("backreference");
    assertThatThrownBy(() -> SpecFilter.of(E2eSuite.PARALLEL, "a*+", null)).hasMessageContaining("possessive");
  }

  @Test
  void emptyFocusAndMultiLineExpressionsAreRefused() {
    assertThatThrownBy(() -> SpecFilter.of(E2eSuite.PARALLEL, " ", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> SpecFilter.of(E2eSuite.PARALLEL, "a\nb", null)).hasMessageContaining("several lines");
  }
}
