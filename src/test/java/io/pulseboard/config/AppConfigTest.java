package io.pulseboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {
  @Test
  void defaults_match_the_documented_table() {
    AppConfig c = AppConfig.from(Map.of(), List.of());
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.embeddedDatabase()).isTrue();
    assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(c.adminToken()).isNull();
    assertThat(c.readToken()).isNull();
    assertThat(c.allowedOrigins()).isEmpty();
    assertThat(c.demo()).isFalse();
    assertThat(c.seed()).isTrue();
  }

  @Test
  void flags_override_the_environment() {
    AppConfig c = AppConfig.from(Map.of("PULSEBOARD_PORT", "9000", "PULSEBOARD_DEMO", "false"),
        List.of("--port=9100", "--demo", "--data-dir", "/tmp/pb", "--allowed-origins", "https://a.example, http://b.example:8080"));
    assertThat(c.port()).isEqualTo(9100);
    assertThat(c.demo()).isTrue();
    assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/pb"));
    assertThat(c.allowedOrigins()).containsExactly("https://a.example", "http://b.example:8080");
  }

  @Test
  void database_url_comes_from_environment_or_flag() {
    assertThat(AppConfig.from(Map.of("DATABASE_URL", "postgresql://u:p@db:5432/kpi"), List.of()).databaseUrl())
        .isEqualTo("postgresql://u:p@db:5432/kpi");
    assertThat(AppConfig.from(Map.of(), List.of("--database-url", "postgres://db/kpi")).embeddedDatabase()).isFalse();
  }

  @Test
  void rejects_each_bad_value_with_the_setting_named() {
    assertBad(Map.of("PULSEBOARD_PORT", "eighty"), "PULSEBOARD_PORT");
    assertBad(Map.of("PULSEBOARD_PORT", "70000"), "PULSEBOARD_PORT");
    assertBad(Map.of("PULSEBOARD_HOST", " "), "PULSEBOARD_HOST");
    assertBad(Map.of("DATABASE_URL", "mysql://db/kpi"), "DATABASE_URL");
    assertBad(Map.of("PULSEBOARD_ADMIN_TOKEN", "short"), "PULSEBOARD_ADMIN_TOKEN");
    assertBad(Map.of("PULSEBOARD_READ_TOKEN", "has spaces in it, sixteen+"), "PULSEBOARD_READ_TOKEN");
    assertBad(Map.of("PULSEBOARD_ALLOWED_ORIGINS", "example.com"), "PULSEBOARD_ALLOWED_ORIGINS");
    assertBad(Map.of("PULSEBOARD_DEMO", "maybe"), "PULSEBOARD_DEMO");
    assertBad(Map.of("PULSEBOARD_SEED", "2"), "PULSEBOARD_SEED");
    assertBad(Map.of("PULSEBOARD_DB_PREPARED_STATEMENTS", "sometimes"), "PULSEBOARD_DB_PREPARED_STATEMENTS");
    assertBad(Map.of("PULSEBOARD_WS_MAX_CONNECTIONS", "0"), "PULSEBOARD_WS_MAX_CONNECTIONS");
    assertBad(Map.of("PULSEBOARD_WS_SEND_QUEUE_BYTES", "lots"), "PULSEBOARD_WS_SEND_QUEUE_BYTES");
    assertBad(Map.of("PULSEBOARD_WS_COALESCE_MS", "-1"), "PULSEBOARD_WS_COALESCE_MS");
    assertBad(Map.of("PULSEBOARD_WS_COALESCE_MS", "10001"), "PULSEBOARD_WS_COALESCE_MS");
    for (String url : List.of("kpi.example.com", "ftp://kpi.example.com", "https://user@kpi.example.com",
        "https://kpi.example.com/?board=a", "https://kpi.example.com/#/boards/a", "https://", "http://bad host")) {
      assertBad(Map.of("PULSEBOARD_PUBLIC_URL", url), "PULSEBOARD_PUBLIC_URL");
    }
  }

  @Test
  void the_public_url_is_kept_without_its_trailing_slash_and_defaults_to_relative_links() {
    assertThat(AppConfig.from(Map.of("PULSEBOARD_PUBLIC_URL", "https://kpi.example.com/pulse/"), List.of()).publicUrl())
        .isEqualTo("https://kpi.example.com/pulse");
    assertThat(AppConfig.from(Map.of(), List.of("--public-url", "http://10.0.0.5:8080")).publicUrl())
        .isEqualTo("http://10.0.0.5:8080");
    assertThat(AppConfig.from(Map.of(), List.of()).publicUrl()).isEmpty();
  }

  @Test
  void the_coalescing_window_defaults_to_50_ms_and_0_turns_it_off() {
    assertThat(AppConfig.from(Map.of(), List.of()).webSocket().coalesceMs()).isEqualTo(50);
    assertThat(AppConfig.from(Map.of(), List.of("--ws-coalesce-ms", "0")).webSocket().coalesceMs()).isZero();
  }

  @Test
  void rejects_unknown_flags_and_missing_values() {
    assertThatThrownBy(() -> AppConfig.from(Map.of(), List.of("--prot", "80"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--prot");
    assertThatThrownBy(() -> AppConfig.from(Map.of(), List.of("--port"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--port");
  }

  private static void assertBad(Map<String, String> env, String name) {
    assertThatThrownBy(() -> AppConfig.from(env, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(name)
        .hasMessageNotContaining("\n");
  }
}
