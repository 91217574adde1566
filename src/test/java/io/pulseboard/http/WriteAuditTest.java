package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which token wrote what: on the points, on the revisions they replace, and in the change feed. */
@ExtendWith(VertxExtension.class)
class WriteAuditTest {
  private static final String TS = "2026-03-02T00:00:00Z";
  @RegisterExtension
  static final RunningApp running = new RunningApp();

  private static JsonObject created(Http http, String name, String scope) {
    HttpResponse<Buffer> r = TokensApiTest.create(http, name, List.of(scope), null);
    assertThat(r.statusCode()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  private static long write(Http http, String token, double value) {
    JsonObject batch = new JsonObject().put("points", new JsonArray()
        .add(PointsApiTest.point("weekly_users", "kr", TS, value)));
    HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/points", batch.encode(), token, "application/json");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getLong("seq");
  }

  private static long stored(String sql) {
    return TestDatabase.queryLong(running.db(), sql);
  }

  @Test
  void a_correction_records_its_token_and_the_revision_keeps_the_first_writer_s(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      JsonObject first = created(http, "etl", "write:weekly_users");
      JsonObject second = created(http, "analyst", "write");
      long before = write(http, first.getString("token"), 1);
      long seq = write(http, second.getString("token"), 2);
      String point = " FROM points p JOIN series s ON s.id = p.series_id WHERE s.metric_id = 'weekly_users'"
          + " AND s.labels = '{\"region\":\"kr\"}' AND p.ts = '" + TS + "'";
      assertThat(stored("SELECT p.token_id" + point)).isEqualTo(second.getLong("id"));
      assertThat(stored("SELECT r.token_id FROM point_revisions r WHERE r.seq = " + before))
          .isEqualTo(first.getLong("id"));

      JsonArray items = http.get("/api/v1/changes?since=" + (seq - 1)).bodyAsJsonObject().getJsonArray("items");
      assertThat(items).hasSize(1);
      assertThat(items.getJsonObject(0).getLong("token_id")).isEqualTo(second.getLong("id"));
    }
  }

  @Test
  void the_seeded_figures_carry_no_token(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      JsonObject seeded = http.get("/api/v1/changes?since=0&limit=1").bodyAsJsonObject().getJsonArray("items")
          .getJsonObject(0);
      assertThat(seeded.containsKey("token_id")).isTrue();
      assertThat(seeded.getValue("token_id")).isNull();
    }
  }

  @Test
  void writing_the_same_value_again_keeps_the_first_writer(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      JsonObject first = created(http, "first", "write");
      JsonObject again = created(http, "again", "write");
      String ts = "2026-03-09T00:00:00Z";
      JsonObject batch = new JsonObject().put("points", new JsonArray()
          .add(PointsApiTest.point("weekly_users", "jp", ts, 5)));
      for (JsonObject token : List.of(first, again)) {
        assertThat(http.send(HttpMethod.POST, "/api/v1/points", batch.encode(), token.getString("token"),
            "application/json").statusCode()).isEqualTo(200);
      }
      assertThat(stored("SELECT p.token_id FROM points p JOIN series s ON s.id = p.series_id"
          + " WHERE s.metric_id = 'weekly_users' AND s.labels = '{\"region\":\"jp\"}' AND p.ts = '" + ts + "'"))
          .as("an unchanged value is no new write").isEqualTo(first.getLong("id"));
    }
  }
}
