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

/**
 * {@code /api/v1/goals} and {@code /api/v1/alert-rules} on a real server and database: created
 * objects answer 201 with their id, series show their goal, and each class of bad input is a 422
 * pointing at the fault with nothing written.
 */
@ExtendWith(VertxExtension.class)
class GoalsAndRulesApiTest {
  private static final String GOALS = "/api/v1/goals";
  private static final String RULES = "/api/v1/alert-rules";
  @RegisterExtension
  static final RunningApp running = new RunningApp();

  private static JsonObject goal() {
    return new JsonObject().put("metric", "paid_subscribers_yoy").put("labels", new JsonObject().put("region", "kr"))
        .put("target", 4.0).put("direction", "higher").put("due", "2026-12-31")
        .put("baseline", new JsonObject().put("value", 1.0).put("date", "2025-01-01"))
        .put("bands", new JsonObject().put("warn", 0.9).put("critical", 0.5));
  }

  private static JsonObject rule() {
    return new JsonObject().put("name", "kr multiple fell").put("metric", "paid_subscribers_yoy")
        .put("labels", new JsonObject().put("region", "kr")).put("kind", "threshold").put("below", 2.0);
  }

  private static long count(String table) {
    return TestDatabase.queryLong(running.db(), "SELECT count(*) FROM " + table);
  }

  /** Posts a bad body: 422 problem+json with an error at {@code pointer}, and nothing stored. */
  private static void refused(Http http, String path, String table, JsonObject body, String pointer) {
    long before = count(table);
    HttpResponse<Buffer> r = http.send(HttpMethod.POST, path, body.encode());
    assertThat(r.statusCode()).as(body.encode() + " → " + r.bodyAsString()).isEqualTo(422);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    List<String> pointers = r.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("pointer")).toList();
    assertThat(pointers).as(r.bodyAsString()).contains(pointer);
    assertThat(count(table)).as("rows in " + table).isEqualTo(before);
  }

  @Test
  void a_goal_is_created_with_its_id_and_shown_on_its_series_with_status_and_pacing(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      HttpResponse<Buffer> r = http.send(HttpMethod.POST, GOALS, goal().encode());
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
      long id = r.bodyAsJsonObject().getLong("id");
      assertThat(id).isPositive();
      assertThat(http.send(HttpMethod.GET, GOALS + "/" + id, null).bodyAsJsonObject().getDouble("target")).isEqualTo(4.0);

      JsonObject series = http.get("/api/v1/metrics/paid_subscribers_yoy").bodyAsJsonObject()
          .getJsonArray("series").getJsonObject(0);
      JsonObject shown = series.getJsonObject("goal");
      assertThat(shown.getLong("id")).isEqualTo(id);
      assertThat(shown.getString("status")).isEqualTo("warn");
      assertThat(shown.getJsonObject("pacing").getBoolean("ahead")).isNotNull();
      assertThat(http.send(HttpMethod.DELETE, GOALS + "/" + id, null).statusCode()).isEqualTo(204);
      assertThat(http.get("/api/v1/metrics/paid_subscribers_yoy").bodyAsJsonObject()
          .getJsonArray("series").getJsonObject(0).getValue("goal")).isNull();
    }
  }

  @Test
  void a_metrics_old_goal_number_is_the_default_goal_of_its_series(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      JsonObject metric = http.get("/api/v1/metrics/offices").bodyAsJsonObject();
      JsonObject put = new JsonObject().put("name", "Offices").put("unit", "offices").put("labels", new JsonArray()
          .add("region")).put("cadence", "P90D").put("display", "number").put("goal", 20);
      assertThat(http.send(HttpMethod.PUT, "/api/v1/metrics/offices", put.encode()).statusCode()).isEqualTo(200);
      JsonObject goal = http.get("/api/v1/metrics/offices").bodyAsJsonObject().getJsonArray("series")
          .getJsonObject(0).getJsonObject("goal");
      assertThat(goal.getValue("id")).isNull();
      assertThat(goal.getDouble("target")).isEqualTo(20.0);
      assertThat(goal.getString("direction")).isEqualTo("higher");
      assertThat(goal.getString("status")).isEqualTo("ok");
      assertThat(goal.getValue("pacing")).isNull();
      assertThat(metric.getString("id")).isEqualTo("offices");
    }
  }

  @Test
  void a_rule_is_created_read_replaced_and_deleted(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      HttpResponse<Buffer> r = http.send(HttpMethod.POST, RULES, rule().encode());
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
      long id = r.bodyAsJsonObject().getLong("id");
      assertThat(r.bodyAsJsonObject().getJsonArray("channels")).isEmpty();
      assertThat(r.bodyAsJsonObject().getBoolean("enabled")).isTrue();
      JsonObject changed = rule().put("kind", "change").put("pct", 20).put("way", "down");
      changed.remove("below");
      HttpResponse<Buffer> put = http.send(HttpMethod.PUT, RULES + "/" + id, changed.encode());
      assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
      JsonObject got = http.send(HttpMethod.GET, RULES + "/" + id, null).bodyAsJsonObject();
      assertThat(got.getString("kind")).isEqualTo("change");
      assertThat(got.getString("way")).isEqualTo("down");
      assertThat(got.containsKey("below")).isFalse();
      assertThat(http.send(HttpMethod.GET, RULES, null).bodyAsJsonObject().getJsonArray("rules").size()).isPositive();
      assertThat(http.send(HttpMethod.DELETE, RULES + "/" + id, null).statusCode()).isEqualTo(204);
      assertThat(http.send(HttpMethod.GET, RULES + "/" + id, null).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void goals_bad_input_classes_are_422_with_pointers_and_write_nothing(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      refused(http, GOALS, "goals", goal().put("metric", "no_such_metric"), "/metric");
      refused(http, GOALS, "goals", goal().put("labels", new JsonObject().put("country", "kr")), "/labels/country");
      refused(http, GOALS, "goals", goal().put("direction", "sideways"), "/direction");
      refused(http, GOALS, "goals", goal().put("target", "lots"), "/target");
      refused(http, GOALS, "goals", new JsonObject(goal().encode().replace("4.0", "1e400")), "/target");
      refused(http, GOALS, "goals", goal().put("due", "2024-12-31"), "/due");
      refused(http, GOALS, "goals", goal().put("due", "31/12/2026"), "/due");
      refused(http, GOALS, "goals", goal().put("bands", new JsonObject().put("warn", 0.5).put("critical", 0.9)),
          "/bands/critical");
      refused(http, GOALS, "goals", goal().put("bands", new JsonObject().put("warn", 5.0).put("unit", "value")),
          "/bands/warn");
      refused(http, GOALS, "goals", goal().put("bands", new JsonObject().put("warn", 1.5)), "/bands/warn");
    }
  }

  @Test
  void rules_bad_input_classes_are_422_with_pointers_and_write_nothing(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      refused(http, RULES, "alert_rules", rule().put("metric", "no_such_metric"), "/metric");
      refused(http, RULES, "alert_rules", rule().put("labels", new JsonObject().put("country", "kr")),
          "/labels/country");
      refused(http, RULES, "alert_rules", rule().put("kind", "astrology"), "/kind");
      JsonObject noBound = rule();
      noBound.remove("below");
      refused(http, RULES, "alert_rules", noBound, "/above");
      refused(http, RULES, "alert_rules", rule().put("above", 1.0), "/below");
      refused(http, RULES, "alert_rules", rule().put("pct", 10), "/pct");
      refused(http, RULES, "alert_rules", rule().put("kind", "change").put("pct", 0).putNull("below"), "/below");
      JsonObject missed = rule().put("kind", "missed_update").put("grace", "an hour");
      missed.remove("below");
      refused(http, RULES, "alert_rules", missed, "/grace");
      JsonObject band = rule().put("kind", "goal_band");
      band.remove("below");
      refused(http, RULES, "alert_rules", band, "/band");
      refused(http, RULES, "alert_rules", rule().put("channels", new JsonArray().add(424242)), "/channels/0");
      refused(http, RULES, "alert_rules", rule().put("name", " "), "/name");
    }
  }
}
