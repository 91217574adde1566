package io.pulseboard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.AppProcess;
import io.pulseboard.Http;
import io.pulseboard.db.DataDirLock;
import io.pulseboard.process.ExitCode;
import io.pulseboard.process.StartupFailure;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One process per data directory, proven by a lock the kernel releases when its holder dies. */
@ExtendWith(VertxExtension.class)
class DataDirLockTest {
  @TempDir
  Path dataDir;

  @Test
  void a_second_start_on_the_same_data_dir_exits_2_naming_the_first_and_touches_nothing(Vertx vertx)
      throws Exception {
    try (AppProcess first = AppProcess.start(Ops.embedded(dataDir), Map.of())) {
      int port = first.awaitPort();
      long postmaster = Ops.postmaster(dataDir).orElseThrow().pid();
      try (AppProcess second = AppProcess.start(Ops.embedded(dataDir), Map.of())) {
        assertThat(second.awaitExit()).isEqualTo(2);
        assertThat(second.stderr().strip()).startsWith("pulseboard: could not start: data directory in use by pid "
            + first.pid() + " (").doesNotContain("\n");
        assertThat(second.output()).doesNotContain("orphaned", "Migrations", "EmbeddedPostgres");
      }
      assertThat(Ops.postmaster(dataDir).orElseThrow().pid()).as("the first one's database runs on").isEqualTo(postmaster);
      try (Http http = new Http(vertx, port)) {
        assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(http.postPoints(Http.regionPoint("offices", "kr", "2026-04-01T00:00:00Z", 5)).statusCode())
            .isEqualTo(200);
      }
      assertThat(first.terminate()).isZero();
    }
  }

  @Test
  void the_lock_is_refused_while_held_and_free_once_released() {
    try (DataDirLock held = DataDirLock.acquire(dataDir)) {
      assertThatThrownBy(() -> DataDirLock.acquire(dataDir)).isInstanceOf(StartupFailure.class)
          .hasMessageStartingWith("data directory in use by pid " + ProcessHandle.current().pid())
          .satisfies(e -> assertThat(((StartupFailure) e).exitCode()).isEqualTo(ExitCode.CONFIGURATION));
    }
    DataDirLock.acquire(dataDir).close();
    assertThat(Files.exists(dataDir.resolve(DataDirLock.FILE_NAME))).isTrue();
  }
}
