package io.pulseboard.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputTextTest {
  @Test
  void accepts_any_valid_unicode_including_pairs_and_control_characters() {
    for (String text : new String[] {"", "kr", "서울", "\ud83d\ude00 emoji", "tab\there", "line\nbreak", "\uFFFD",
        "\uFFFF"}) {
      assertThat(InputText.problem(text)).as(text).isNull();
    }
  }

  @Test
  void refuses_nul_naming_where_it_is() {
    assertThat(InputText.problem("ab\u0000")).contains("NUL").contains("character 2");
  }

  @Test
  void refuses_lone_surrogates_high_or_low_or_reversed() {
    assertThat(InputText.problem("\ud800x")).contains("lone UTF-16 surrogate \\uD800 at character 0");
    assertThat(InputText.problem("x\udc00")).contains("\\uDC00 at character 1");
    assertThat(InputText.problem("\ude00\ud83d")).contains("\\uDE00");
    assertThat(InputText.problem("ok\ud83d")).contains("\\uD83D at character 2");
  }

  @Test
  void quotes_briefly_with_escapes() {
    assertThat(InputText.quote("a\u0000\ud800\ud83d\ude00")).isEqualTo("'a\\u0000\\uD800\ud83d\ude00'");
    assertThat(InputText.quote("y".repeat(100))).isEqualTo("'" + "y".repeat(60) + "'... (100 characters)");
    assertThat(InputText.quote("\u0000".repeat(100))).hasSizeLessThan(100).endsWith("... (100 characters)");
  }
}
