package io.pulseboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each setting is defined once ({@link Settings}); parsing, defaults, --help and the README follow it. */
class SettingsTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| `(--[a-z-]+)` \\| ([^|]+) \\|");

  @Test
  void every_default_parses_and_is_the_value_used_when_nothing_is_set() {
    AppConfig defaults = AppConfig.from(Map.of(), List.of());
    for (Setting<?> s : Settings.ALL) {
      Map<String, String> explicit = s.fallback() == null ? Map.of() : Map.of(s.name(), s.fallback());
      assertThat(AppConfig.from(explicit, List.of())).as(s.name()).isEqualTo(defaults);
    }
  }

  @Test
  void names_and_flags_are_unique() {
    assertThat(Settings.ALL.stream().map(Setting::name)).doesNotHaveDuplicates();
    assertThat(Settings.ALL.stream().map(Setting::flag)).doesNotHaveDuplicates();
  }

  @Test
  void the_readme_table_lists_every_setting_in_order_with_its_flag_and_default() throws Exception {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("README.md"))) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        rows.add(new String[] {m.group(1), m.group(2), m.group(3).strip()});
      }
    }
    assertThat(rows.stream().map(r -> r[0])).containsExactlyElementsOf(Settings.ALL.stream().map(Setting::name).toList());
    for (int i = 0; i < rows.size(); i++) {
      Setting<?> s = Settings.ALL.get(i);
      assertThat(rows.get(i)[1]).as(s.name()).isEqualTo(s.flag());
      if (s.fallback() != null) {
        assertThat(rows.get(i)[2]).as(s.name()).isEqualTo("`" + s.fallback() + "`");
      } else {
        assertThat(rows.get(i)[2]).as(s.name() + " has no default").doesNotStartWith("`");
      }
    }
  }

  @Test
  void connect_and_restart_timeouts_take_an_iso_duration_or_seconds() {
    AppConfig c = AppConfig.from(Map.of("PULSEBOARD_DB_CONNECT_TIMEOUT", "PT2M"), List.of("--db-restart-timeout", "15"));
    assertThat(c.dbConnectTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.dbRestartTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(AppConfig.from(Map.of(), List.of()).dbConnectTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(AppConfig.from(Map.of(), List.of("--db-connect-timeout", "0")).dbConnectTimeout()).isZero();
  }

  @Test
  void rejects_timeouts_that_are_not_a_duration_from_0_to_a_day() {
    for (String name : List.of("PULSEBOARD_DB_CONNECT_TIMEOUT", "PULSEBOARD_DB_RESTART_TIMEOUT")) {
      for (String bad : List.of("", "soon", "-5", "PT-1S", "P2D", "90000", "1.5", "10s")) {
        assertThatThrownBy(() -> AppConfig.from(Map.of(name, bad), List.of())).as(name + "=" + bad)
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith(name + " (" + RawSettings.flagOf(name) + ") must be a duration from PT0S to PT24H")
            .hasMessageNotContaining("\n");
      }
    }
  }
}
