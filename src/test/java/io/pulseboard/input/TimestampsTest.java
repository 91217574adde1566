package io.pulseboard.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private static OffsetDateTime valid(String text) {
    Timestamps.Result r = Timestamps.parse(text);
    assertThat(r).as(text).isInstanceOf(Timestamps.Valid.class);
    return ((Timestamps.Valid) r).time();
  }

  private static String invalid(String text) {
    Timestamps.Result r = Timestamps.parse(text);
    assertThat(r).as(text).isInstanceOf(Timestamps.Invalid.class);
    return ((Timestamps.Invalid) r).detail();
  }

  @Test
  void reads_rfc_3339_times_with_z_or_an_offset() {
    assertThat(valid("2025-09-10T00:00:00Z").toInstant()).isEqualTo(Instant.parse("2025-09-10T00:00:00Z"));
    assertThat(valid("2025-09-10T09:00:00+09:00").toInstant()).isEqualTo(Instant.parse("2025-09-10T00:00:00Z"));
    assertThat(valid("2025-09-09T20:30:00-03:30").toInstant()).isEqualTo(Instant.parse("2025-09-10T00:00:00Z"));
    assertThat(valid("2025-09-10T00:00:00-00:00").toInstant()).isEqualTo(Instant.parse("2025-09-10T00:00:00Z"));
  }

  @Test
  void reads_a_lower_case_t_and_z_as_rfc_3339_allows() {
    assertThat(valid("2025-09-10t00:00:00z")).isEqualTo(valid("2025-09-10T00:00:00Z"));
  }

  @Test
  void keeps_fractions_down_to_the_microsecond() {
    assertThat(valid("2025-09-10T00:00:00.1Z").getNano()).isEqualTo(100_000_000);
    assertThat(valid("2025-09-10T00:00:00.123456Z").getNano()).isEqualTo(123_456_000);
    assertThat(valid("2025-09-10T00:00:00.000001Z").getNano()).isEqualTo(1_000);
  }

  @Test
  void accepts_zeros_beyond_the_sixth_fractional_digit_as_they_change_nothing() {
    assertThat(valid("2025-09-10T00:00:00.1234560Z")).isEqualTo(valid("2025-09-10T00:00:00.123456Z"));
    assertThat(valid("2025-09-10T00:00:00.000000000Z")).isEqualTo(valid("2025-09-10T00:00:00Z"));
  }

  @Test
  void refuses_a_fraction_finer_than_a_microsecond() {
    assertThat(invalid("2025-09-10T00:00:00.0000001Z")).contains("finer than a microsecond");
    assertThat(invalid("2025-09-10T00:00:00.123456789Z")).contains("finer than a microsecond");
  }

  @Test
  void refuses_years_that_are_not_four_digits() {
    for (String text : new String[] {"+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "+002024-01-01T00:00:00Z",
        "+2024-01-01T00:00:00Z", "24-01-01T00:00:00Z", "20240-01-01T00:00:00Z"}) {
      assertThat(invalid(text)).contains("is not an RFC 3339 time");
    }
  }

  @Test
  void refuses_times_whose_utc_year_leaves_0000_to_9999() {
    assertThat(invalid("9999-12-31T23:30:00-01:00")).contains("0000-9999");
    assertThat(invalid("0000-01-01T00:30:00+01:00")).contains("0000-9999");
    assertThat(valid("0000-01-01T00:00:00Z").getYear()).isZero();
    assertThat(valid("9999-12-31T23:59:59.999999Z").getYear()).isEqualTo(9999);
  }

  @Test
  void refuses_other_shapes() {
    for (String text : new String[] {"2025-09-10", "2025-09-10T00:00:00", "2025-09-10 00:00:00Z",
        "2025-09-10T00:00Z", "2025-09-10T00:00:00+0900", "2025-09-10T00:00:00+09", "2025-09-10T00:00:00.Z",
        "2025-9-10T00:00:00Z", "yesterday", "", " 2025-09-10T00:00:00Z", "2025-09-10T00:00:00Z ",
        "２０２５-09-10T00:00:00Z", "2025-09-10T00:00:00Z\u0000", "2025-09-10T00:00:00UTC"}) {
      assertThat(invalid(text)).as(text).contains("is not an RFC 3339 time");
    }
  }

  @Test
  void refuses_dates_and_times_that_do_not_exist() {
    for (String text : new String[] {"2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-00-10T00:00:00Z",
        "2025-09-31T00:00:00Z", "2025-09-10T24:00:00Z", "2025-09-10T00:60:00Z", "2025-09-10T00:00:00+19:00",
        "2025-09-10T00:00:00+05:60"}) {
      assertThat(invalid(text)).as(text).contains("is not a real time");
    }
    assertThat(valid("2024-02-29T00:00:00Z").getDayOfMonth()).isEqualTo(29);
  }

  @Test
  void refuses_a_leap_second_the_store_would_roll_into_the_next_minute() {
    assertThat(invalid("2016-12-31T23:59:60Z")).contains("leap second");
  }

  @Test
  void quotes_the_refused_text_briefly_and_escapes_what_cannot_be_printed() {
    assertThat(invalid("\u0000" + "x".repeat(1000))).startsWith("'\\u0000xxx").contains("(1001 characters)")
        .hasSizeLessThan(300);
    assertThat(invalid("\ud800")).startsWith("'\\uD800'");
  }

  /** The common shape's quick reading gives, for every text, what the pattern's reading gives. */
  @Test
  void reads_the_common_shape_as_the_pattern_does() {
    String[] texts = {"2025-09-10T00:00:00Z", "2025-09-10t23:59:59z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z",
        "2024-02-29T12:00:00.5Z", "2023-02-29T12:00:00Z", "2025-13-01T00:00:00Z", "2025-00-10T00:00:00Z",
        "2025-09-31T00:00:00Z", "2025-09-10T24:00:00Z", "2025-09-10T00:60:00Z", "2025-09-10T00:00:60Z",
        "2025-09-10T00:00:00.Z", "2025-09-10T00:00:00.1234567Z", "2025-09-10T00:00:00.1234560Z",
        "2025-09-10T00:00:00.12345aZ", "2025-09-10T00:00:00,1Z", "2025-09-10 00:00:00Z", "2025-09-10T00:00:00",
        "2025-09-10T00:00:00+09:00", "+2025-09-10T00:00:00Z", "2025-9-10T00:00:00Z", "2025-09-10T0:00:00Z",
        "20a5-09-10T00:00:00Z", "2025/09/10T00:00:00Z", "2025-09-10T00-00-00Z", "2025-09-10T00:00:00ZZ",
        "2025-09-10T00:00:00.000000Z", "2025-09-10T00:00:00.1X", "\u0662025-09-10T00:00:00Z", "2025-09-10T00:00:00Y"};
    for (String text : texts) {
      assertThat(Timestamps.parse(text)).as(text).isEqualTo(Timestamps.fully(text));
    }
    assertThat(Timestamps.common("2025-09-10T00:00:00.000001Z")).isEqualTo(valid("2025-09-10T00:00:00.000001+00:00"));
  }
}
