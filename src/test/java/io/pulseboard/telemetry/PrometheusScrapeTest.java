package io.pulseboard.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A real Prometheus server scrapes a running Pulseboard, guarded by a read token, every second. */
@ExtendWith(VertxExtension.class)
class PrometheusScrapeTest {
  private static final String READ_TOKEN = "test-read-token-0123456789";
  private static final String WEEKLY_USERS = "pulseboard_metric_value{metric=\"weekly_users\",region=\"global\"}";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static Pulseboard app;
  private static PrometheusServer prometheus;

  @BeforeAll
  static void start() throws Exception {
    Promtool.require("prometheus");
    app = TestApp.start(TestDatabase.create(), Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN));
    prometheus = PrometheusServer.start(app.port(), READ_TOKEN);
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  void prometheus_finds_the_seeded_weekly_users_then_the_value_of_a_new_post(Vertx vertx) throws Exception {
    awaitValue(WEEKLY_USERS, "700000000");
    try (Http http = new Http(vertx, app.port())) {
      assertThat(http.postPoints(Http.regionPoint("weekly_users", "global", "2025-10-01T00:00:00Z", 8.5e8))
          .statusCode()).isEqualTo(200);
    }
    awaitValue(WEEKLY_USERS, "850000000");
  }

  @Test
  void prometheus_sees_the_target_up_and_the_server_meters(Vertx vertx) throws Exception {
    awaitValue("up{job=\"pulseboard\"}", "1");
    awaitValue("pulseboard_metric_series", "5");
    awaitValue("count(vertx_pool_in_use{pool_type=\"sql\"})", "1");
  }

  @Test
  void prometheus_scrapes_the_openmetrics_format(Vertx vertx) throws Exception {
    awaitValue("up{job=\"pulseboard\"}", "1");
    // Only OpenMetrics has the info type, for the family jvm of the sample jvm_info; in the text
    // format 0.0.4 the family is jvm_info, a gauge.
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonObject metadata = prometheus.metadata("jvm");
    while (metadata.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      metadata = prometheus.metadata("jvm");
    }
    assertThat(metadata.encode()).contains("\"type\":\"info\"");
    assertThat(prometheus.metadata("jvm_info").encode()).doesNotContain("gauge");
    awaitValue("scrape_samples_scraped{job=\"pulseboard\"} > 0", null);
  }

  @Test
  void prometheus_reads_goal_and_alert_gauges(Vertx vertx) throws Exception {
    try (Http http = new Http(vertx, app.port())) {
      JsonObject goal = new JsonObject().put("metric", "offices").put("labels", new JsonObject().put("region", "asia"))
          .put("target", 5).put("direction", "higher");
      assertThat(http.send(HttpMethod.POST, "/api/v1/goals", goal.encode()).statusCode()).isEqualTo(201);
      JsonObject rule = new JsonObject().put("name", "asia offices").put("metric", "offices")
          .put("labels", new JsonObject().put("region", "asia")).put("kind", "goal_band").put("band", "warn");
      assertThat(http.send(HttpMethod.POST, "/api/v1/alert-rules", rule.encode()).statusCode()).isEqualTo(201);
      JsonObject band = goal.put("bands", new JsonObject().put("warn", 0.9));
      assertThat(http.send(HttpMethod.PUT, "/api/v1/goals/1", band.encode()).statusCode()).isEqualTo(200);
    }
    awaitValue("pulseboard_metric_goal{metric=\"offices\",region=\"asia\"}", "5");
    awaitValue("pulseboard_alert_firing{metric=\"offices\"}", "1");
  }

  /** Polls the query API until {@code promql} has a single sample with this value (any value for null). */
  private static void awaitValue(String promql, String expected) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonArray result = prometheus.query(promql);
    while (!hasValue(result, expected)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(promql + " did not become " + expected + " within " + WAIT + "; last result "
            + result.encode() + "\nPrometheus log:\n" + prometheus.log());
      }
      Thread.sleep(200);
      result = prometheus.query(promql);
    }
  }

  private static boolean hasValue(JsonArray result, String expected) {
    return result.size() == 1 && (expected == null || expected.equals(result.getJsonObject(0).getJsonArray("value").getString(1)));
  }
}
