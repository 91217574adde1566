package io.pulseboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.AppProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PULSEBOARD_FRAME_ANCESTORS, PULSEBOARD_AUTH_FAILURE_LIMIT and PULSEBOARD_WRITE_RATE_LIMIT: defaults and bad values. */
class LimitsAndEmbeddingConfigTest {
  @TempDir
  Path tmp;

  @Test
  void by_default_nobody_frames_the_page_failures_are_limited_and_writes_are_not() {
    AppConfig c = AppConfig.from(Map.of(), List.of());
    assertThat(c.frameAncestors()).isEmpty();
    assertThat(c.authFailureLimit()).isEqualTo(5);
    assertThat(c.writeRateLimit()).isZero();
  }

  @Test
  void frame_ancestors_take_origins_and_self() {
    AppConfig c = AppConfig.from(Map.of("PULSEBOARD_FRAME_ANCESTORS",
        " https://Intranet.example.com, 'self',http://10.0.0.5:8080 ,https://[::1]:8443"), List.of());
    assertThat(c.frameAncestors()).containsExactly("https://intranet.example.com", "'self'", "http://10.0.0.5:8080",
        "https://[::1]:8443");
  }

  @Test
  void frame_ancestors_refuse_what_is_not_an_origin() {
    for (String bad : List.of("intranet.example.com", "https://intranet.example.com/page", "*",
        "https://*.example.com", "self", "'none'", "ftp://example.com", "https://a.example.com; script-src *",
        "https://a.example.com?x", "javascript:alert(1)")) {
      assertThatThrownBy(() -> AppConfig.from(Map.of("PULSEBOARD_FRAME_ANCESTORS", bad), List.of()))
          .as(bad).isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("PULSEBOARD_FRAME_ANCESTORS (--frame-ancestors) has '");
    }
  }

  @Test
  void limits_refuse_numbers_out_of_range() {
    assertThatThrownBy(() -> AppConfig.from(Map.of("PULSEBOARD_AUTH_FAILURE_LIMIT", "0"), List.of()))
        .hasMessageContaining("PULSEBOARD_AUTH_FAILURE_LIMIT");
    assertThatThrownBy(() -> AppConfig.from(Map.of("PULSEBOARD_WRITE_RATE_LIMIT", "-1"), List.of()))
        .hasMessageContaining("PULSEBOARD_WRITE_RATE_LIMIT");
  }

  @Test
  void a_bad_frame_ancestor_exits_2_with_one_line_and_creates_nothing() throws Exception {
    Path dataDir = tmp.resolve("data");
    try (AppProcess app = AppProcess.start(List.of("--data-dir", dataDir.toString(), "--frame-ancestors",
        "https://intranet.example.com/dashboards"), Map.of())) {
      assertThat(app.awaitExit()).isEqualTo(2);
      String err = app.stderr().strip();
      assertThat(err.lines()).hasSize(1);
      assertThat(err).startsWith("pulseboard: invalid configuration:").contains("PULSEBOARD_FRAME_ANCESTORS");
      assertThat(app.output()).isEmpty();
    }
    assertThat(Files.exists(dataDir)).isFalse();
  }
}
