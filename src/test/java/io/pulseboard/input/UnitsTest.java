package io.pulseboard.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A unit is a currency code, %, x or the word of a count; three capital letters must be a currency. */
class UnitsTest {
  @Test
  void reads_each_kind_of_unit() {
    assertThat(Units.kind("KRW")).isEqualTo(Units.Kind.CURRENCY);
    assertThat(Units.kind("USD")).isEqualTo(Units.Kind.CURRENCY);
    assertThat(Units.kind("%")).isEqualTo(Units.Kind.PERCENT);
    assertThat(Units.kind("x")).isEqualTo(Units.Kind.MULTIPLE);
    assertThat(Units.kind("users")).isEqualTo(Units.Kind.COUNT);
    assertThat(Units.kind("usd")).isEqualTo(Units.Kind.COUNT);
    assertThat(Units.kind("명")).isEqualTo(Units.Kind.COUNT);
  }

  @Test
  void takes_iso_4217_codes_and_words() {
    for (String unit : new String[] {"KRW", "USD", "EUR", "JPY", "CHF", "%", "x", "users", "GB/s", "명", "offices"}) {
      assertThat(Units.problem(unit)).as(unit).isNull();
    }
  }

  @Test
  void the_page_reads_currency_codes_by_the_same_form() throws IOException {
    String format = Files.readString(Path.of("webroot/js/format.js"));
    assertThat(format).contains("const CURRENCY = /" + Units.CURRENCY_FORM.pattern() + "/;")
        .contains("unit === '%'").contains("unit === 'x'");
  }

  @Test
  void refuses_three_capitals_that_are_no_currency_and_text_that_cannot_be_stored() {
    assertThat(Units.problem("KRX")).contains("ISO 4217");
    assertThat(Units.problem("ABC")).contains("ISO 4217");
    assertThat(Units.problem("a\u0000b")).startsWith("text");
  }
}
