package io.pulseboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flags as the command line reads them: the forms the hand-written parser took still work. */
class SettingOptionsTest {
  private static AppConfig flags(String... args) {
    return AppConfig.from(Map.of(), List.of(args));
  }

  @Test
  void a_switch_stands_alone_before_another_flag_or_takes_a_value() {
    assertThat(flags("--demo", "--port", "9100").demo()).isTrue();
    assertThat(flags("--demo").demo()).isTrue();
    assertThat(flags("--demo", "false").demo()).isFalse();
    assertThat(flags("--seed=false").seed()).isFalse();
  }

  @Test
  void the_last_of_a_repeated_flag_wins() {
    assertThat(flags("--port", "9000", "--port=9100").port()).isEqualTo(9100);
  }

  @Test
  void values_are_taken_as_written() {
    assertThat(flags("--admin-token", "@not-a-file-0123456789").adminToken()).isEqualTo("@not-a-file-0123456789");
    assertThat(flags("--admin-token=a=b=c-0123456789abcdef").adminToken()).isEqualTo("a=b=c-0123456789abcdef");
  }

  @Test
  void a_flag_wins_over_the_environment_and_an_unset_flag_leaves_it() {
    AppConfig c = AppConfig.from(Map.of("PULSEBOARD_PORT", "9000", "PULSEBOARD_HOST", "127.0.0.1"),
        List.of("--port", "9100"));
    assertThat(c.port()).isEqualTo(9100);
    assertThat(c.host()).isEqualTo("127.0.0.1");
  }

  @Test
  void a_stray_argument_is_refused_in_one_line() {
    assertThatThrownBy(() -> flags("serve")).isInstanceOf(ConfigException.class)
        .hasMessage("unexpected argument 'serve' (see --help)");
    assertThatThrownBy(() -> flags("--colour=blue")).isInstanceOf(ConfigException.class)
        .hasMessage("unknown option --colour (see --help)");
  }

  @Test
  void tls_needs_both_files_or_neither() {
    assertThat(flags().tls()).isNull();
    assertThatThrownBy(() -> flags("--tls-cert", "pom.xml")).isInstanceOf(ConfigException.class)
        .hasMessage("PULSEBOARD_TLS_CERT is set but PULSEBOARD_TLS_KEY is not; set both to serve HTTPS, or neither");
    assertThat(flags("--tls-cert", "pom.xml", "--tls-key", "README.md").tls().key().toString()).isEqualTo("README.md");
    assertThatThrownBy(() -> flags("--tls-cert", "no-such.pem", "--tls-key", "README.md"))
        .isInstanceOf(ConfigException.class).hasMessage("PULSEBOARD_TLS_CERT (--tls-cert) names no file: 'no-such.pem'");
  }
}
