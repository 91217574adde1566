package io.pulseboard.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Which language tags a name may be given in; the contract's copy of the form is the rule. */
class LanguageTagsTest {
  @Test
  void takes_languages_with_an_optional_script_and_region() {
    for (String tag : new String[] {"en", "ko", "ja", "zh", "zh-Hant", "zh-Hans-CN", "pt-BR", "es-419", "sr-Latn"}) {
      assertThat(LanguageTags.problem(tag)).as(tag).isNull();
    }
  }

  @Test
  void refuses_unknown_languages_and_regions() {
    assertThat(LanguageTags.problem("xx")).contains("ISO 639-1");
    assertThat(LanguageTags.problem("ko-XY")).contains("ISO 3166-1");
  }

  @Test
  void refuses_other_spellings_and_forms() {
    for (String tag : new String[] {"", "EN", "Ko", "ko_KR", "ko-kr", "zh-hant", "kor", "en-", "english", "en-US-x-private", " en"}) {
      assertThat(LanguageTags.problem(tag)).as(tag).contains("is not a language tag");
    }
  }

  @Test
  void the_contract_carries_the_same_form() throws IOException {
    String contract;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi.yaml")) {
      contract = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher m = Pattern.compile("LanguageTag:\\n(?:      .*\\n)*?      pattern: \"([^\"]*)\"").matcher(contract);
    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).isEqualTo(LanguageTags.TAG.pattern());
  }
}
