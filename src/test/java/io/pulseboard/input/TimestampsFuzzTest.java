package io.pulseboard.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Coverage-guided fuzzing of the time parser: it never throws, and every time it accepts is
 * kept to the microsecond, lies in 0000-9999 in UTC, and is returned as text it accepts again.
 */
class TimestampsFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void any_text_gives_a_storable_time_or_a_reason(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    Timestamps.Result result = Timestamps.parse(text);
    if (result instanceof Timestamps.Invalid invalid) {
      assertThat(invalid.detail()).isNotBlank().hasSizeLessThan(400);
      return;
    }
    var time = ((Timestamps.Valid) result).time();
    assertThat(time.getNano() % 1000).isZero();
    assertThat(time.withOffsetSameInstant(ZoneOffset.UTC).getYear()).isBetween(0, 9999);
    Instant instant = time.toInstant();
    assertThat(Timestamps.parseOrNull(instant.toString())).isNotNull()
        .satisfies(again -> assertThat(again.toInstant()).isEqualTo(instant));
  }

  /** The quick reading of the common shape answers as the pattern's reading does, for any text. */
  @FuzzTest(maxDuration = "30s")
  void the_common_shape_reads_as_the_pattern_reads(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    assertThat(Timestamps.parse(text)).isEqualTo(Timestamps.fully(text));
  }
}
