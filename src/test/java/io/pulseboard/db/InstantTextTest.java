package io.pulseboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link InstantText} writes every instant exactly as {@link Instant#toString()} does. */
class InstantTextTest {
  @Test
  void writes_the_edges_as_instant_does() {
    for (String text : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999Z", "2000-02-29T12:00:00.5Z", "2024-02-29T23:59:59.000001Z", "1900-03-01T00:00:00Z",
        "2025-12-02T00:00:00.120Z", "2025-12-02T00:00:00.000000001Z", "0001-01-01T00:00:00Z"}) {
      Instant t = Instant.parse(text);
      assertThat(InstantText.of(t)).as(text).isEqualTo(t.toString());
    }
    assertThat(InstantText.of(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01T00:00:00Z");
    assertThat(InstantText.of(Instant.parse("-0001-12-31T23:59:59Z"))).isEqualTo("-0001-12-31T23:59:59Z");
  }

  @FuzzTest(maxDuration = "30s")
  void writes_any_instant_as_instant_does(FuzzedDataProvider data) {
    long seconds = data.consumeBoolean()
        ? data.consumeLong(-62_167_219_200L - 86_400, 253_402_300_799L + 86_400)
        : data.consumeLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond());
    int nanos = switch (data.consumeInt(0, 3)) {
      case 0 -> 0;
      case 1 -> data.consumeInt(0, 999) * 1_000_000;
      case 2 -> data.consumeInt(0, 999_999) * 1_000;
      default -> data.consumeInt(0, 999_999_999);
    };
    Instant t = Instant.ofEpochSecond(seconds, nanos);
    assertThat(InstantText.of(t)).isEqualTo(t.toString());
  }
}
