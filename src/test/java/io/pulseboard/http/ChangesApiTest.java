package io.pulseboard.http;

import static io.pulseboard.http.PointsApiTest.batch;
import static io.pulseboard.http.PointsApiTest.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class ChangesApiTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();

  @Test
  void pages_through_every_change_in_seq_order(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      JsonObject first = http.get("/api/v1/changes?since=0&limit=2").bodyAsJsonObject();
      assertThat(first.getJsonArray("items")).hasSize(2);
      assertThat(first.getBoolean("more")).isTrue();
      JsonObject rest = http.get("/api/v1/changes?since=" + first.getLong("seq") + "&limit=100").bodyAsJsonObject();
      assertThat(rest.getBoolean("more")).isFalse();
      assertThat(rest.getLong("seq")).isEqualTo(rest.getLong("head"));
      JsonObject item = rest.getJsonArray("items").getJsonObject(0);
      assertThat(item.fieldNames()).contains("seq", "metric", "labels", "ts", "value", "source");
      JsonObject empty = http.get("/api/v1/changes?since=" + rest.getLong("seq")).bodyAsJsonObject();
      assertThat(empty.getJsonArray("items")).isEmpty();
      assertThat(empty.getLong("seq")).isEqualTo(rest.getLong("seq"));
    }
  }

  @Test
  void concurrent_writers_never_leave_a_gap_behind_a_poller(Vertx vertx) {
    WebClient client = WebClient.create(vertx);
    try (Http http = new Http(vertx, running.port())) {
      long since = http.get("/api/v1/changes?since=0&limit=1").bodyAsJsonObject().getLong("head");
      List<Future<?>> writes = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        JsonArray points = new JsonArray();
        for (int i = 0; i < 50; i++) {
          points.add(point("weekly_users", "kr", Instant.parse("2021-01-01T00:00:00Z")
              .plusSeconds(w * 1000L + i).toString(), i));
        }
        writes.add(client.request(HttpMethod.POST, running.port(), "127.0.0.1", "/api/v1/points")
            .putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN)
            .sendJsonObject(new JsonObject().put("points", points)));
      }
      Set<Long> seen = new HashSet<>();
      long cursor = since;
      long deadline = System.nanoTime() + 30_000_000_000L;
      // Poll while the writers run: every page must continue exactly where the last one ended.
      while (seen.size() < 400 && System.nanoTime() < deadline) {
        JsonObject page = http.get("/api/v1/changes?since=" + cursor + "&limit=37").bodyAsJsonObject();
        for (Object o : page.getJsonArray("items")) {
          long seq = ((JsonObject) o).getLong("seq");
          assertThat(seq).isGreaterThan(cursor);
          cursor = seq;
          assertThat(seen.add(seq)).isTrue();
        }
        assertThat(page.getLong("seq")).isEqualTo(cursor);
      }
      assertThat(Future.all(writes).await().succeeded()).isTrue();
      assertThat(seen).hasSize(400);
    } finally {
      client.close();
    }
  }

  @Test
  void rejects_a_negative_or_missing_since(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      assertThat(http.get("/api/v1/changes?since=-1").statusCode()).isEqualTo(422);
      assertThat(http.get("/api/v1/changes").statusCode()).isIn(400, 422);
      assertThat(http.get("/api/v1/changes?since=0&limit=0").statusCode()).isEqualTo(422);
    }
  }
}
