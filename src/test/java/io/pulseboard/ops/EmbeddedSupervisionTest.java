package io.pulseboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.AppProcess;
import io.pulseboard.Http;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} of the embedded postmaster under a running app: it comes back, or the app exits 7. */
@ExtendWith(VertxExtension.class)
class EmbeddedSupervisionTest {
  private static final Duration WITHIN = Duration.ofSeconds(60);

  @TempDir
  Path dataDir;

  private static double meter(Http http, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(http.get("/metrics").bodyAsString());
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  private static String stale(String metric) {
    return "pulseboard_metric_stale{metric=\"" + metric + "\",region=\"kr\"}";
  }

  @Test
  void a_killed_postmaster_is_restarted_and_the_app_recovers_while_metrics_say_it_was_down(Vertx vertx)
      throws Exception {
    try (AppProcess app = AppProcess.start(Ops.embedded(dataDir), Map.of());
        Http http = new Http(vertx, app.awaitPort())) {
      // A KPI whose point goes stale 10 s after it is written: staleness must follow the clock
      // while the database is down, not freeze at its last value.
      assertThat(http.send(HttpMethod.PUT, "/api/v1/metrics/heartbeat", """
          {"name":"Heartbeat","unit":"users","labels":["region"],"cadence":"PT10S","display":"number"}""")
          .statusCode()).isIn(200, 201);
      Instant ts = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      assertThat(http.postPoints(Http.regionPoint("heartbeat", "kr", ts.toString(), 1)).statusCode()).isEqualTo(200);
      Ops.await("the KPI on /metrics", WITHIN, () -> !Double.isNaN(meter(http, stale("heartbeat"))));
      assertThat(meter(http, stale("heartbeat"))).as("fresh at first").isEqualTo(0);
      assertThat(meter(http, "pulseboard_database_up")).isEqualTo(1);
      ProcessHandle killed = Ops.postmaster(dataDir).orElseThrow();
      int pgPort = Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).trim());

      killed.destroyForcibly();
      // Holding the server's port keeps the restarts failing, so the outage lasts past the cadence.
      try (ServerSocket holder = holdPort(pgPort)) {
        Ops.await("ready 503", WITHIN, () -> http.get("/health/ready").statusCode() == 503);
        Ops.await("pulseboard_database_up 0", WITHIN, () -> meter(http, "pulseboard_database_up") == 0);
        Ops.await("the cadence to run out", WITHIN, () -> Instant.now().isAfter(ts.plusSeconds(11)));
        assertThat(meter(http, stale("heartbeat"))).as("stale by the clock while the database is down").isEqualTo(1);
        assertThat(meter(http, "pulseboard_database_up")).isEqualTo(0);
      }
      Ops.await("the restart", WITHIN, () -> app.output().contains("The embedded PostgreSQL is back"));
      Ops.await("ready 200", WITHIN, () -> http.get("/health/ready").statusCode() == 200);
      Ops.await("pulseboard_database_up 1", WITHIN, () -> meter(http, "pulseboard_database_up") == 1);
      assertThat(meter(http, "pulseboard_database_restarts_total")).isEqualTo(1);
      assertThat(Ops.postmaster(dataDir).orElseThrow().pid()).isNotEqualTo(killed.pid());
      assertThat(http.postPoints(Http.regionPoint("offices", "kr", "2026-05-01T00:00:00Z", 7)).statusCode())
          .as("writes work again").isEqualTo(200);
      assertThat(app.output()).contains("has died; restarting it", "Restarting the embedded PostgreSQL: attempt 1",
          "Restart attempt 1 failed");
      assertThat(app.terminate()).isZero();
    }
    assertThat(Ops.postmaster(dataDir)).isEmpty();
  }

  /** Binds the port as soon as the dead server's socket is gone. */
  private static ServerSocket holdPort(int port) throws Exception {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        socket.bind(new InetSocketAddress("127.0.0.1", port));
        return socket;
      } catch (BindException stillHeld) {
        if (System.nanoTime() > deadline) {
          throw stillHeld;
        }
        Thread.sleep(20);
      }
    }
  }

  @Test
  void a_postmaster_that_cannot_come_back_makes_the_app_exit_7_within_the_restart_timeout() throws Exception {
    try (AppProcess app = AppProcess.start(Ops.embedded(dataDir, "--db-restart-timeout", "3"), Map.of())) {
      app.awaitPort();
      ProcessHandle postmaster = Ops.postmaster(dataDir).orElseThrow();
      // Without PG_VERSION, PostgreSQL refuses the directory: every restart attempt fails.
      Files.delete(dataDir.resolve("postgres/PG_VERSION"));
      postmaster.destroyForcibly();
      long killedAt = System.nanoTime();

      assertThat(app.awaitExit()).isEqualTo(7);
      assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(30));
      assertThat(app.output()).contains("Restarting the embedded PostgreSQL: attempt 1",
          "did not come back within 3 s (PULSEBOARD_DB_RESTART_TIMEOUT)", "the database is lost (exit code 7)");
    }
    assertThat(Ops.postmaster(dataDir)).as("nothing left running").isEmpty();
  }
}
