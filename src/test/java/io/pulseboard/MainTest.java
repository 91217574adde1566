package io.pulseboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.config.Setting;
import io.pulseboard.config.Settings;
import io.pulseboard.process.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir
  Path tmp;

  private void assertExitsWithOneLine(List<String> args, Map<String, String> env, String mentions) throws Exception {
    Path dataDir = tmp.resolve("data");
    List<String> all = new java.util.ArrayList<>(List.of("--data-dir", dataDir.toString()));
    all.addAll(args);
    try (AppProcess app = AppProcess.start(all, env)) {
      assertThat(app.awaitExit()).isEqualTo(2);
      String err = app.stderr().strip();
      assertThat(err.lines()).hasSize(1);
      assertThat(err).startsWith("pulseboard: invalid configuration:").contains(mentions);
      assertThat(app.output()).isEmpty();
    }
    assertThat(Files.exists(dataDir)).isFalse();
  }

  @Test
  void a_bad_port_flag_exits_2_with_one_clear_line() throws Exception {
    assertExitsWithOneLine(List.of("--port", "http"), Map.of(), "PULSEBOARD_PORT");
  }

  @Test
  void a_bad_environment_value_exits_2_with_one_clear_line() throws Exception {
    assertExitsWithOneLine(List.of(), Map.of("DATABASE_URL", "mysql://localhost/kpi"), "DATABASE_URL");
    assertExitsWithOneLine(List.of(), Map.of("PULSEBOARD_DEMO", "sometimes"), "PULSEBOARD_DEMO");
  }

  @Test
  void an_unknown_flag_exits_2_with_one_clear_line() throws Exception {
    assertExitsWithOneLine(List.of("--colour", "blue"), Map.of(), "--colour");
  }

  @Test
  void a_bad_timeout_exits_2_with_one_clear_line() throws Exception {
    assertExitsWithOneLine(List.of("--db-connect-timeout", "soon"), Map.of(), "PULSEBOARD_DB_CONNECT_TIMEOUT");
    assertExitsWithOneLine(List.of(), Map.of("PULSEBOARD_DB_RESTART_TIMEOUT", "P9D"), "PULSEBOARD_DB_RESTART_TIMEOUT");
  }

  @Test
  void help_lists_every_setting_and_exits_0() throws Exception {
    try (AppProcess app = AppProcess.start(List.of("--help"), Map.of())) {
      assertThat(app.awaitExit()).isZero();
      assertThat(app.output()).contains("PULSEBOARD_PORT", "--port", "DATABASE_URL", "--database-url",
          "PULSEBOARD_DATA_DIR", "PULSEBOARD_SEED");
    }
  }

  @Test
  void help_shows_each_setting_with_its_flag_help_and_the_one_default() {
    String help = Main.usage();
    for (Setting<?> s : Settings.ALL) {
      String line = help.lines().filter(l -> l.strip().startsWith(s.name() + " ")).findFirst().orElseThrow();
      assertThat(line).as(s.name()).contains(s.flag(), s.help());
      if (s.fallback() != null) {
        assertThat(line).endsWith("(default " + s.fallback() + ")");
      } else {
        assertThat(line).doesNotContain("(default");
      }
    }
  }

  @Test
  void help_lists_the_exit_codes() {
    for (ExitCode code : ExitCode.values()) {
      assertThat(Main.usage()).contains(code.code() + " " + code.name().toLowerCase().replace('_', '-'));
    }
  }
}
