package io.pulseboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The database goes away and comes back while Pulseboard runs. */
@ExtendWith(VertxExtension.class)
class DatabaseOutageTest {
  @TempDir
  Path dir;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void answers_503_with_retry_after_while_the_database_is_down_then_recovers(Vertx vertx) throws Exception {
    int pgPort = freePort();
    EmbeddedDatabase db = EmbeddedDatabase.start(dir, pgPort);
    try (Pulseboard app = TestApp.start(db.url(), Map.of()); Http http = new Http(vertx, app.port())) {
      assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
      db.close();

      HttpResponse<Buffer> read = http.get("/api/v1/metrics");
      assertThat(read.statusCode()).isEqualTo(503);
      assertThat(read.getHeader("Retry-After")).isEqualTo("5");
      assertThat(read.getHeader("Content-Type")).isEqualTo("application/problem+json");
      HttpResponse<Buffer> write = http.postPoints(new JsonObject().put("points", new JsonArray().add(new JsonObject()
          .put("metric", "offices").put("ts", "2026-03-01T00:00:00Z").put("value", 1))));
      assertThat(write.statusCode()).isEqualTo(503);
      assertThat(http.get("/health/ready").statusCode()).isEqualTo(503);
      assertThat(http.get("/health/live").statusCode()).isEqualTo(200);

      db = EmbeddedDatabase.start(dir, pgPort);
      assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
      assertThat(http.get("/api/v1/metrics").statusCode()).isEqualTo(200);
      assertThat(TestDatabase.queryLong(db.url(), "SELECT count(*) FROM points WHERE ts = '2026-03-01T00:00:00Z'"))
          .as("the rejected write left nothing").isZero();
    } finally {
      db.close();
    }
  }
}
