package io.pulseboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.AppProcess;
import io.pulseboard.TestDatabase;
import io.pulseboard.db.EmbeddedDatabase;
import io.vertx.pgclient.PgConnectOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up failures, each in a real process: one line on standard error that names the cause and
 * what to do, the documented exit code, and nothing left running.
 */
class StartupFailuresTest {
  @TempDir
  Path tmp;

  private static void assertOneLine(AppProcess app, int exitCode, String... mentions) throws Exception {
    assertThat(app.awaitExit()).as(app.output()).isEqualTo(exitCode);
    String err = app.stderr().strip();
    assertThat(err.lines()).as(err).hasSize(1);
    assertThat(err).startsWith("pulseboard: could not start: ").contains(mentions);
    assertThat(app.output()).doesNotContain("\tat ", "Exception");
  }

  @Test
  void a_port_in_use_exits_3_with_one_line_and_stops_the_embedded_database_it_started() throws Exception {
    Path dataDir = tmp.resolve("data");
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AppProcess app = AppProcess.start(List.of("--data-dir", dataDir.toString(), "--host", "127.0.0.1",
            "--port", Integer.toString(taken.getLocalPort())), Map.of())) {
      assertOneLine(app, 3, "127.0.0.1:" + taken.getLocalPort(), "PULSEBOARD_PORT");
    }
    assertThat(Files.exists(dataDir.resolve("postgres/PG_VERSION"))).as("the embedded database had started").isTrue();
    assertThat(Ops.postmaster(dataDir)).as("and was stopped").isEmpty();
    assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid"))).isFalse();
  }

  @Test
  void an_unreachable_database_is_retried_for_the_connect_timeout_then_exits_4_with_one_line() throws Exception {
    String url = "postgresql://postgres@127.0.0.1:" + Ops.freePort() + "/postgres";
    long started = System.nanoTime();
    try (AppProcess app = AppProcess.start(List.of("--db-connect-timeout", "PT3S"), Map.of("DATABASE_URL", url))) {
      assertOneLine(app, 4, "not reachable within 3 s", "PULSEBOARD_DB_CONNECT_TIMEOUT");
      assertThat(app.output()).contains("retrying in");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void a_database_that_comes_up_after_the_app_is_waited_for() throws Exception {
    int pgPort = Ops.freePort();
    String url = "postgresql://postgres@127.0.0.1:" + pgPort + "/postgres";
    try (AppProcess app = AppProcess.start(List.of("--port", "0", "--host", "127.0.0.1"), Map.of("DATABASE_URL", url))) {
      Ops.await("a failed attempt", Duration.ofSeconds(60), () -> app.output().contains("retrying in"));
      try (EmbeddedDatabase db = EmbeddedDatabase.start(tmp.resolve("late"), pgPort)) {
        assertThat(app.awaitPort()).isPositive();
        assertThat(app.output()).contains("answered on attempt");
        assertThat(app.terminate()).isZero();
      }
    }
  }

  @Test
  void a_missing_database_exits_4_at_once_with_one_line() throws Exception {
    PgConnectOptions server = PgConnectOptions.fromUri(TestDatabase.create());
    String url = "postgresql://" + server.getUser() + "@" + server.getHost() + ":" + server.getPort() + "/pb_no_such_db";
    long started = System.nanoTime();
    try (AppProcess app = AppProcess.start(List.of(), Map.of("DATABASE_URL", url))) {
      assertOneLine(app, 4, "pb_no_such_db", "does not exist", "DATABASE_URL");
      assertThat(app.output()).doesNotContain("retrying");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no retries").isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void a_damaged_data_dir_exits_6_with_one_line_and_leaves_nothing_running() throws Exception {
    Path dataDir = tmp.resolve("data");
    Files.createDirectories(dataDir.resolve("postgres"));
    Files.writeString(dataDir.resolve("postgres/postgresql.conf"), "# set up once, PG_VERSION lost since\n");
    try (AppProcess app = AppProcess.start(List.of("--data-dir", dataDir.toString()), Map.of())) {
      assertOneLine(app, 6, "PG_VERSION is missing", "move it aside");
    }
    assertThat(Ops.postmaster(dataDir)).isEmpty();
    assertThat(dataDir.resolve("postgres").toFile().list()).containsExactlyInAnyOrder("postgresql.conf");
  }

  @Test
  void a_data_dir_that_cannot_be_created_exits_5_with_one_line() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
    Path dataDir = file.resolve("data");
    try (AppProcess app = AppProcess.start(List.of("--data-dir", dataDir.toString()), Map.of())) {
      assertOneLine(app, 5, dataDir.toString(), "PULSEBOARD_DATA_DIR");
    }
    assertThat(Files.readString(file)).isEqualTo("not a directory");
  }
}
