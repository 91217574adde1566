package io.pulseboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.AppProcess;
import io.pulseboard.TestDatabase;
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
}
