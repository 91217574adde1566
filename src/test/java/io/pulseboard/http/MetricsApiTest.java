package io.pulseboard.http;

import static io.pulseboard.http.PointsApiTest.batch;
import static io.pulseboard.http.PointsApiTest.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class MetricsApiTest {
  private static final String SIGNUPS = """
      {"name":"Sign-ups","unit":"users","description":"New accounts","labels":["region"],
       "cadence":"P1D","display":"number","goal":1000}""";
  @RegisterExtension
  static final RunningApp running = new RunningApp();
  private Http http;

  @BeforeEach
  void client(Vertx vertx) {
    http = new Http(vertx, running.port());
  }

  @AfterEach
  void closeClient() {
    http.close();
  }

  private static JsonObject series(JsonObject metric, String region) {
    return metric.getJsonArray("series").stream().map(JsonObject.class::cast)
        .filter(s -> region.equals(s.getJsonObject("labels").getString("region"))).findFirst().orElseThrow();
  }

  private static long metricRows() {
    return TestDatabase.queryLong(running.db(), "SELECT count(*) FROM metrics");
  }

  @Test
  void lists_the_seeded_report_figures() {
    JsonObject body = http.get("/api/v1/metrics").bodyAsJsonObject();
    JsonArray metrics = body.getJsonArray("metrics");
    assertThat(metrics.stream().map(m -> ((JsonObject) m).getString("id")))
        .contains("weekly_users", "weekly_users_yoy", "paid_subscribers_yoy", "offices");
    JsonObject offices = http.get("/api/v1/metrics/offices").bodyAsJsonObject();
    assertThat(series(offices, "global").getJsonObject("latest").getDouble("value")).isEqualTo(12.0);
    assertThat(series(offices, "asia").getJsonObject("latest").getDouble("value")).isEqualTo(3.0);
    assertThat(body.getLong("seq")).isPositive();
  }

  @Test
  void gives_the_change_against_the_previous_point_and_a_year_earlier() {
    http.postPoints(batch(
        point("weekly_users", "global", "2024-09-10T00:00:00Z", 350_000_000),
        point("weekly_users", "global", "2025-09-03T00:00:00Z", 680_000_000)));
    JsonObject s = series(http.get("/api/v1/metrics/weekly_users").bodyAsJsonObject(), "global");
    assertThat(s.getJsonObject("latest").getDouble("value")).isEqualTo(700_000_000.0);
    assertThat(s.getJsonObject("previous").getDouble("value")).isEqualTo(680_000_000.0);
    assertThat(s.getJsonObject("change").getDouble("abs")).isEqualTo(20_000_000.0);
    assertThat(s.getJsonObject("year_ago").getString("ts")).isEqualTo("2024-09-10T00:00:00Z");
    assertThat(s.getJsonObject("change_yoy").getDouble("ratio")).isEqualTo(2.0);
    assertThat(s.getJsonObject("change_yoy").getDouble("pct")).isEqualTo(100.0);
  }

  @Test
  void unknown_metric_is_404_problem() {
    HttpResponse<Buffer> r = http.get("/api/v1/metrics/nothing_here");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void put_creates_then_updates_a_metric() {
    HttpResponse<Buffer> created = http.send(HttpMethod.PUT, "/api/v1/metrics/signups", SIGNUPS);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getDouble("goal")).isEqualTo(1000.0);
    HttpResponse<Buffer> updated = http.send(HttpMethod.PUT, "/api/v1/metrics/signups",
        SIGNUPS.replace("1000", "2000"));
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(http.get("/api/v1/metrics/signups").bodyAsJsonObject().getDouble("goal")).isEqualTo(2000.0);
  }

  @Test
  void put_rejects_a_bad_cadence_and_writes_nothing() {
    long before = metricRows();
    HttpResponse<Buffer> r = http.send(HttpMethod.PUT, "/api/v1/metrics/bad_cadence",
        SIGNUPS.replace("P1D", "Pweekly"));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/cadence");
    assertThat(metricRows()).isEqualTo(before);
  }

  @Test
  void put_rejects_an_invalid_id_and_a_bad_display_and_writes_nothing() {
    long before = metricRows();
    assertThat(http.send(HttpMethod.PUT, "/api/v1/metrics/Bad-Id", SIGNUPS).statusCode()).isEqualTo(422);
    HttpResponse<Buffer> r = http.send(HttpMethod.PUT, "/api/v1/metrics/ok_id",
        SIGNUPS.replace("\"number\"", "\"pie\""));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/display");
    assertThat(metricRows()).isEqualTo(before);
  }

  @Test
  void put_refuses_to_drop_a_label_key_that_series_use() {
    HttpResponse<Buffer> r = http.send(HttpMethod.PUT, "/api/v1/metrics/offices",
        SIGNUPS.replace("[\"region\"]", "[]"));
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(http.get("/api/v1/metrics/offices").bodyAsJsonObject().getString("name")).isEqualTo("Offices");
  }

  @Test
  void put_needs_the_admin_token() {
    long before = metricRows();
    HttpResponse<Buffer> r = http.send(HttpMethod.PUT, "/api/v1/metrics/sneaky", SIGNUPS, null, "application/json");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(metricRows()).isEqualTo(before);
  }

  @Test
  void delete_removes_a_metric_with_its_points() {
    http.send(HttpMethod.PUT, "/api/v1/metrics/temporary", SIGNUPS);
    http.postPoints(batch(point("temporary", "kr", "2025-01-01T00:00:00Z", 5)));
    assertThat(http.send(HttpMethod.DELETE, "/api/v1/metrics/temporary", null, TestApp.ADMIN_TOKEN, null)
        .statusCode()).isEqualTo(204);
    assertThat(http.get("/api/v1/metrics/temporary").statusCode()).isEqualTo(404);
    assertThat(TestDatabase.queryLong(running.db(), "SELECT count(*) FROM series WHERE metric_id = 'temporary'")).isZero();
    assertThat(http.send(HttpMethod.DELETE, "/api/v1/metrics/temporary", null, TestApp.ADMIN_TOKEN, null)
        .statusCode()).isEqualTo(404);
  }
}
