package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PointsApiTest {
  private static String db;
  private static Pulseboard app;
  private Http http;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    app = TestApp.start(db, Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @BeforeEach
  void client(Vertx vertx) {
    http = new Http(vertx, app.port());
  }

  private static JsonObject batch(JsonObject... points) {
    return new JsonObject().put("points", new JsonArray(java.util.List.of((Object[]) points)));
  }

  private static JsonObject point(String metric, String region, String ts, double value) {
    return new JsonObject().put("metric", metric).put("labels", new JsonObject().put("region", region))
        .put("ts", ts).put("value", value);
  }

  private static long rows(String table) {
    return TestDatabase.queryLong(db, "SELECT count(*) FROM " + table);
  }

  @Test
  void writes_a_batch_and_returns_its_highest_seq() {
    HttpResponse<Buffer> r = http.postPoints(batch(
        point("weekly_users", "kr", "2025-10-01T00:00:00Z", 1000),
        point("weekly_users", "kr", "2025-10-08T00:00:00Z", 1100)));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getInteger("written")).isEqualTo(2);
    assertThat(body.getLong("seq")).isEqualTo(TestDatabase.queryLong(db, "SELECT max(seq) FROM points"));
  }

  @Test
  void rejects_an_unknown_metric_with_a_pointer_and_writes_nothing() {
    long before = rows("points");
    HttpResponse<Buffer> r = http.postPoints(batch(
        point("weekly_users", "kr", "2025-10-15T00:00:00Z", 1),
        point("no_such_metric", "kr", "2025-10-15T00:00:00Z", 1)));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = r.bodyAsJsonObject();
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/points/1/metric");
    assertThat(rows("points")).isEqualTo(before);
  }
}
