package io.pulseboard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each kind of alert rule fires once and resolves once on a real PostgreSQL, each transition
 * with one notification per channel and one {@code alerts} event, and a correction re-evaluates
 * without firing again.
 */
@ExtendWith(VertxExtension.class)
class AlertEngineTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of("PULSEBOARD_SEED", "false",
      "PULSEBOARD_PUBLIC_URL", "https://kpi.example.com/"));

  private static JsonObject rule(String metric, String kind, long channel) {
    return new JsonObject().put("name", kind + " on " + metric).put("metric", metric)
        .put("labels", new JsonObject().put("region", "kr")).put("kind", kind)
        .put("channels", new JsonArray().add(channel));
  }

  @Test
  void a_threshold_fires_once_and_resolves_once(Vertx vertx) throws Exception {
    try (Http http = new Http(vertx, running.port())) {
      AlertFixture f = new AlertFixture(http, running.db());
      f.metric("engine_threshold", "P1D");
      long a = f.channel("threshold-a");
      long b = f.channel("threshold-b");
      long rule = f.rule(rule("engine_threshold", "threshold", a).put("above", 10)
          .put("channels", new JsonArray().add(a).add(b)));
      f.point("engine_threshold", "2026-01-01T00:00:00Z", 5);
      f.point("engine_threshold", "2026-01-02T00:00:00Z", 15);
      f.await(rule, 1, "firing");
      f.point("engine_threshold", "2026-01-03T00:00:00Z", 20);
      f.point("engine_threshold", "2026-01-04T00:00:00Z", 3);
      f.await(rule, 2, "resolved");
      f.onceEach(rule, 2, 2);

      JsonObject body = new JsonObject(TestDatabase.queryString(running.db(),
          "SELECT body::text FROM notifications WHERE rule_id = " + rule + " AND transition_seq = 1 LIMIT 1"));
      assertThat(body.fieldNames()).contains("state", "rule", "metric", "labels", "series", "value", "at",
          "transition", "goal", "pacing", "summary", "link").doesNotContain("id");
      assertThat(body.getDouble("value")).isEqualTo(15.0);
      assertThat(body.getString("summary")).isEqualTo("engine_threshold (region=kr) 15 above 10");
      assertThat(body.getString("link")).isEqualTo("https://kpi.example.com/#/metrics/engine_threshold?region=kr");
      JsonObject alert = http.get("/api/v1/alerts").bodyAsJsonObject().getJsonArray("alerts").stream()
          .map(JsonObject.class::cast).filter(x -> x.getLong("rule") == rule).findFirst().orElseThrow();
      assertThat(alert.getString("state")).isEqualTo("resolved");
      assertThat(alert.getJsonArray("history")).hasSize(2);
      assertThat(alert.getJsonArray("history").getJsonObject(0).getString("state")).isEqualTo("resolved");
    }
  }

  @Test
  void goal_met_fires_once_and_resolves_once(Vertx vertx) throws Exception {
    try (Http http = new Http(vertx, running.port())) {
      AlertFixture f = new AlertFixture(http, running.db());
      f.metric("engine_met", "P1D");
      f.goal(new JsonObject().put("metric", "engine_met").put("target", 100).put("direction", "higher"));
      long rule = f.rule(rule("engine_met", "goal_met", f.channel("met")));
      f.point("engine_met", "2026-01-01T00:00:00Z", 50);
      f.point("engine_met", "2026-01-02T00:00:00Z", 120);
      f.await(rule, 1, "firing");
      f.point("engine_met", "2026-01-03T00:00:00Z", 90);
      f.await(rule, 2, "resolved");
      f.onceEach(rule, 2, 1);
    }
  }

  @Test
  void goal_band_fires_once_and_resolves_once_with_lower_is_better(Vertx vertx) throws Exception {
    try (Http http = new Http(vertx, running.port())) {
      AlertFixture f = new AlertFixture(http, running.db());
      f.metric("engine_band", "P1D");
      f.goal(new JsonObject().put("metric", "engine_band").put("labels", new JsonObject().put("region", "kr"))
          .put("target", 2).put("direction", "lower")
          .put("bands", new JsonObject().put("warn", 3).put("critical", 5).put("unit", "value")));
      long rule = f.rule(rule("engine_band", "goal_band", f.channel("band")).put("band", "critical"));
      f.point("engine_band", "2026-01-01T00:00:00Z", 4);
      f.point("engine_band", "2026-01-02T00:00:00Z", 6);
      f.await(rule, 1, "firing");
      f.point("engine_band", "2026-01-03T00:00:00Z", 4.5);
      f.await(rule, 2, "resolved");
      f.onceEach(rule, 2, 1);
    }
  }

  @Test
  void a_change_beyond_pct_fires_once_and_resolves_once(Vertx vertx) throws Exception {
    try (Http http = new Http(vertx, running.port())) {
      AlertFixture f = new AlertFixture(http, running.db());
      f.metric("engine_change", "P1D");
      long rule = f.rule(rule("engine_change", "change", f.channel("change")).put("pct", 20).put("way", "down"));
      f.point("engine_change", "2026-01-01T00:00:00Z", 100);
      f.point("engine_change", "2026-01-02T00:00:00Z", 130);
      f.point("engine_change", "2026-01-03T00:00:00Z", 90);
      f.await(rule, 1, "firing");
      f.point("engine_change", "2026-01-04T00:00:00Z", 92);
      f.await(rule, 2, "resolved");
      f.onceEach(rule, 2, 1);
    }
  }

  @Test
  void a_missed_update_fires_once_after_cadence_and_grace_and_resolves_on_the_next_point(Vertx vertx)
      throws Exception {
    try (Http http = new Http(vertx, running.port())) {
      AlertFixture f = new AlertFixture(http, running.db());
      f.metric("engine_missed", "PT1S");
      long rule = f.rule(rule("engine_missed", "missed_update", f.channel("missed")).put("grace", "PT2S"));
      long start = System.nanoTime();
      f.point("engine_missed", "2026-01-01T00:00:00Z", 1);
      f.await(rule, 1, "firing");
      assertThat(System.nanoTime() - start).as("not before cadence plus grace").isGreaterThan(3_000_000_000L);
      Thread.sleep(1500);
      assertThat(f.transitions(rule)).as("still one transition after more sweeps").isEqualTo(1);
      f.point("engine_missed", "2026-01-02T00:00:00Z", 2);
      f.await(rule, 2, "resolved");
      f.onceEach(rule, 2, 1);
    }
  }

  @Test
  void a_correction_re_evaluates_without_firing_twice(Vertx vertx) throws Exception {
    try (Http http = new Http(vertx, running.port())) {
      AlertFixture f = new AlertFixture(http, running.db());
      f.metric("engine_fix", "P1D");
      long rule = f.rule(rule("engine_fix", "threshold", f.channel("fix")).put("above", 10));
      f.point("engine_fix", "2026-01-01T00:00:00Z", 5);
      f.point("engine_fix", "2026-01-02T00:00:00Z", 15);
      f.await(rule, 1, "firing");
      f.point("engine_fix", "2026-01-02T00:00:00Z", 16);
      f.point("engine_fix", "2026-01-01T00:00:00Z", 50);
      f.point("engine_fix", "2026-01-02T00:00:00Z", 17);
      f.point("engine_fix", "2026-01-02T00:00:00Z", 4);
      f.await(rule, 2, "resolved");
      f.onceEach(rule, 2, 1);
      assertThat(f.state(rule)).isEqualTo("resolved");
    }
  }
}
