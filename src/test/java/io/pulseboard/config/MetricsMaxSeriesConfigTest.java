package io.pulseboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code PULSEBOARD_METRICS_MAX_SERIES} / {@code --metrics-max-series}. */
class MetricsMaxSeriesConfigTest {
  @Test
  void defaults_to_ten_thousand_series() {
    assertThat(AppConfig.from(Map.of(), List.of()).metricsMaxSeries()).isEqualTo(10_000);
  }

  @Test
  void reads_the_environment_and_the_flag_which_wins() {
    assertThat(AppConfig.from(Map.of("PULSEBOARD_METRICS_MAX_SERIES", "500"), List.of()).metricsMaxSeries())
        .isEqualTo(500);
    assertThat(AppConfig.from(Map.of("PULSEBOARD_METRICS_MAX_SERIES", "500"), List.of("--metrics-max-series", "70"))
        .metricsMaxSeries()).isEqualTo(70);
  }

  @Test
  void rejects_values_that_are_not_a_whole_number_from_1_to_a_million() {
    for (String bad : List.of("0", "-5", "ten", "1.5", "1000001", "")) {
      assertThatThrownBy(() -> AppConfig.from(Map.of("PULSEBOARD_METRICS_MAX_SERIES", bad), List.of()))
          .as(bad).isInstanceOf(ConfigException.class)
          .hasMessageContaining("PULSEBOARD_METRICS_MAX_SERIES (--metrics-max-series) must be a whole number from 1 to 1000000");
    }
  }

  @Test
  void the_process_exits_with_code_2_and_one_line_on_a_bad_value() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.pulseboard.Main",
        "--metrics-max-series", "0").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(output.strip()).isEqualTo("pulseboard: invalid configuration: PULSEBOARD_METRICS_MAX_SERIES"
        + " (--metrics-max-series) must be a whole number from 1 to 1000000, got '0'");
  }
}
