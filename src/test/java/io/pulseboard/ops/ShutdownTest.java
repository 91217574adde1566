package io.pulseboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.AppProcess;
import io.pulseboard.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A clean stop is a success for service managers: exit code 0, not 143. */
class ShutdownTest {
  @Test
  void sigterm_shuts_down_cleanly_and_exits_0() throws Exception {
    try (AppProcess app = AppProcess.start(List.of("--port", "0", "--host", "127.0.0.1"),
        Map.of("DATABASE_URL", TestDatabase.create()))) {
      app.awaitPort();
      assertThat(app.terminate()).isZero();
      assertThat(app.output()).contains("Shutting down");
      assertThat(app.stderr()).isEmpty();
    }
  }

  @Test
  void sigterm_while_the_start_waits_for_the_database_stops_at_once_and_exits_0() throws Exception {
    String url = "postgresql://postgres@127.0.0.1:" + Ops.freePort() + "/postgres";
    try (AppProcess app = AppProcess.start(List.of("--db-connect-timeout", "PT10M"), Map.of("DATABASE_URL", url))) {
      Ops.await("a failed attempt", Duration.ofSeconds(60), () -> app.output().contains("retrying in"));
      long signalled = System.nanoTime();
      assertThat(app.terminate()).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(15));
      assertThat(app.output()).contains("Stopped during start-up");
      assertThat(app.stderr()).isEmpty();
    }
  }
}
