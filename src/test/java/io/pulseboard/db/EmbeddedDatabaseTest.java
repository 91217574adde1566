package io.pulseboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.AppProcess;
import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Always on the embedded PostgreSQL, whatever server the rest of the suite uses. */
@ExtendWith(VertxExtension.class)
class EmbeddedDatabaseTest {
  @TempDir
  Path dataDir;

  private static JsonObject onePoint(String ts, double value) {
    return new JsonObject().put("points", new JsonArray().add(new JsonObject().put("metric", "offices")
        .put("labels", new JsonObject().put("region", "kr")).put("ts", ts).put("value", value)));
  }

  private static double latestKrOffices(Http http) {
    return http.get("/api/v1/metrics/offices").bodyAsJsonObject().getJsonArray("series").stream()
        .map(JsonObject.class::cast).filter(s -> "kr".equals(s.getJsonObject("labels").getString("region")))
        .findFirst().orElseThrow().getJsonObject("latest").getDouble("value");
  }

  private AppConfig embeddedConfig() {
    return AppConfig.from(Map.of("PULSEBOARD_PORT", "0", "PULSEBOARD_HOST", "127.0.0.1",
        "PULSEBOARD_ADMIN_TOKEN", TestApp.ADMIN_TOKEN, "PULSEBOARD_DATA_DIR", dataDir.toString()), List.of());
  }

  @Test
  void data_survive_a_restart_on_the_same_data_dir_and_seeding_happens_once(Vertx vertx) throws Exception {
    try (Pulseboard app = Pulseboard.start(embeddedConfig()); Http http = new Http(vertx, app.port())) {
      assertThat(http.postPoints(onePoint("2026-01-01T00:00:00Z", 1)).statusCode()).isEqualTo(200);
    }
    assertThat(Files.exists(dataDir.resolve("postgres/PG_VERSION"))).isTrue();
    try (Pulseboard app = Pulseboard.start(embeddedConfig()); Http http = new Http(vertx, app.port())) {
      assertThat(latestKrOffices(http)).isEqualTo(1.0);
      assertThat(http.get("/api/v1/annotations").bodyAsJsonObject().getJsonArray("annotations")).hasSize(4);
    }
  }

  @Test
  void a_killed_app_leaves_a_usable_database_with_every_acknowledged_write(Vertx vertx) throws Exception {
    List<String> args = List.of("--data-dir", dataDir.toString(), "--port", "0", "--host", "127.0.0.1",
        "--admin-token", TestApp.ADMIN_TOKEN);
    try (AppProcess first = AppProcess.start(args, Map.of())) {
      try (Http http = new Http(vertx, first.awaitPort())) {
        for (int i = 1; i <= 20; i++) {
          assertThat(http.postPoints(onePoint("2026-02-" + String.format("%02d", i) + "T00:00:00Z", i))
              .statusCode()).isEqualTo(200);
        }
      }
      first.kill();
    }
    assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid")))
        .as("the killed app's PostgreSQL is still running").isTrue();
    try (AppProcess second = AppProcess.start(args, Map.of())) {
      try (Http http = new Http(vertx, second.awaitPort())) {
        assertThat(latestKrOffices(http)).isEqualTo(20.0);
        assertThat(http.get("/api/v1/metrics/offices/points?region=kr").bodyAsJsonObject()
            .getJsonArray("series").getJsonObject(0).getJsonArray("points")).hasSize(20);
      }
      assertThat(second.output()).contains("orphaned PostgreSQL");
      assertThat(second.terminate()).as("graceful exit on SIGTERM").isZero();
    }
    assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid")))
        .as("SIGTERM stops the embedded PostgreSQL too").isFalse();
  }
}
