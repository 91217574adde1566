package io.pulseboard.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.pulseboard.telemetry.Exposition;
import io.pulseboard.telemetry.Promtool;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The KPI gauges of {@code /metrics}, on real instances and a real database. */
@ExtendWith(VertxExtension.class)
class KpiExpositionTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String VALUE = "pulseboard_metric_value";
  private static final String STALE = "pulseboard_metric_stale";
  private static final String UPDATED = "pulseboard_metric_last_update_timestamp_seconds";

  @Test
  void exports_the_seeded_weekly_users_value_with_metric_and_region_labels(Vertx vertx) throws Exception {
    try (Pulseboard app = TestApp.start(); Http http = new Http(vertx, app.port())) {
      Exposition e = Exposition.scrape(http);
      assertThat(e.lines(VALUE)).contains("pulseboard_metric_value{metric=\"weekly_users\",region=\"global\"} 7.0E8");
      assertThat(e.value(UPDATED, "metric=\"weekly_users\",region=\"global\""))
          .hasValue(Instant.parse("2025-09-10T00:00:00Z").getEpochSecond());
      assertThat(e.lines(VALUE)).hasSize(5);
    }
  }

  @Test
  void a_write_on_one_instance_changes_the_value_exported_by_another(Vertx vertx) throws Exception {
    String db = TestDatabase.create();
    try (Pulseboard a = TestApp.start(db, Map.of()); Pulseboard b = TestApp.start(db, Map.of("PULSEBOARD_SEED", "false"));
        Http httpA = new Http(vertx, a.port()); Http httpB = new Http(vertx, b.port())) {
      assertThat(httpA.postPoints(Http.regionPoint("weekly_users", "global", "2025-10-01T00:00:00Z", 8e8)).statusCode())
          .isEqualTo(200);
      Exposition.awaitScrape(httpB, WAIT, e -> e.has(VALUE, "metric=\"weekly_users\",region=\"global\"", 8e8));
    }
  }

  @Test
  void a_correction_of_an_older_point_leaves_the_latest_value(Vertx vertx) throws Exception {
    try (Pulseboard app = TestApp.start(); Http http = new Http(vertx, app.port())) {
      http.postPoints(Http.regionPoint("offices", "global", "2025-01-01T00:00:00Z", 10));
      http.postPoints(Http.regionPoint("offices", "global", "2025-01-01T00:00:00Z", 11));
      http.postPoints(Http.regionPoint("offices", "asia", "2025-09-10T00:00:00Z", 4));
      Exposition e = Exposition.awaitScrape(http, WAIT, s -> s.has(VALUE, "metric=\"offices\",region=\"asia\"", 4));
      assertThat(e.value(VALUE, "metric=\"offices\",region=\"global\"")).hasValue(12);
    }
  }

  @Test
  void stale_is_one_past_the_cadence_and_zero_for_a_fresh_point(Vertx vertx) throws Exception {
    try (Pulseboard app = TestApp.start(); Http http = new Http(vertx, app.port())) {
      assertThat(Exposition.scrape(http).value(STALE, "metric=\"weekly_users\",region=\"global\"")).hasValue(1);
      // Times are kept to the microsecond; a finer one is refused (docs/api.md, Input rules).
      http.postPoints(Http.regionPoint("weekly_users", "global", Instant.now().truncatedTo(ChronoUnit.MICROS).toString(),
          9e8));
      Exposition e = Exposition.awaitScrape(http, WAIT, s -> s.has(VALUE, "metric=\"weekly_users\",region=\"global\"", 9e8));
      assertThat(e.value(STALE, "metric=\"weekly_users\",region=\"global\"")).hasValue(0);
      assertThat(e.value(STALE, "metric=\"offices\",region=\"asia\"")).hasValue(1);
    }
  }

  @Test
  void label_values_with_korean_text_quotes_and_newlines_are_escaped(Vertx vertx) throws Exception {
    try (Pulseboard app = TestApp.start(); Http http = new Http(vertx, app.port())) {
      http.postPoints(Http.regionPoint("offices", "서울 \"본사\" \\ 1\n2", "2025-09-10T00:00:00Z", 1));
      Exposition e = Exposition.awaitScrape(http, WAIT, s -> s.lines(VALUE).size() == 6);
      assertThat(e.lines(VALUE))
          .contains("pulseboard_metric_value{metric=\"offices\",region=\"서울 \\\"본사\\\" \\\\ 1\\n2\"} 1.0");
      assertThat(Promtool.checkMetrics(e.text()).clean()).isTrue();
    }
  }

  @Test
  void every_series_carries_the_same_label_names_with_undeclared_keys_empty(Vertx vertx) throws Exception {
    try (Pulseboard app = TestApp.start(); Http http = new Http(vertx, app.port())) {
      define(http, "signups", "team", "plan");
      http.postPoints(new JsonObject().put("points", new JsonArray().add(new JsonObject().put("metric", "signups")
          .put("labels", new JsonObject().put("team", "growth")).put("ts", "2025-09-10T00:00:00Z").put("value", 5))));
      Exposition e = Exposition.awaitScrape(http, WAIT, s -> s.value(VALUE, "metric=\"signups\"").isPresent());
      assertThat(e.lines(VALUE)).contains(
          "pulseboard_metric_value{metric=\"signups\",plan=\"\",region=\"\",team=\"growth\"} 5.0",
          "pulseboard_metric_value{metric=\"weekly_users\",plan=\"\",region=\"global\",team=\"\"} 7.0E8");
      assertThat(Promtool.checkMetrics(e.text()).clean()).isTrue();
    }
  }

  @Test
  void a_deleted_metric_leaves_the_exposition(Vertx vertx) throws Exception {
    try (Pulseboard app = TestApp.start(); Http http = new Http(vertx, app.port())) {
      assertThat(http.send(HttpMethod.DELETE, "/api/v1/metrics/offices", null).statusCode()).isEqualTo(204);
      Exposition e = Exposition.awaitScrape(http, WAIT, s -> s.value(VALUE, "metric=\"offices\"").isEmpty());
      assertThat(e.lines(VALUE)).hasSize(3);
      assertThat(e.lines(STALE)).hasSize(3);
    }
  }

  static void define(Http http, String id, String... labels) {
    JsonObject metric = new JsonObject().put("name", id).put("unit", "count").put("cadence", "P1D")
        .put("display", "number").put("labels", new JsonArray(java.util.List.of((Object[]) labels)));
    assertThat(http.send(HttpMethod.PUT, "/api/v1/metrics/" + id, metric.encode()).statusCode()).isEqualTo(201);
  }
}
