package io.pulseboard.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The goal and alert gauges on {@code /metrics}, in the text format and in OpenMetrics, both
 * clean for promtool.
 */
@ExtendWith(VertxExtension.class)
class GoalAndAlertGaugesTest {
  private static final String KR = "metric=\"paid_subscribers_yoy\",region=\"kr\"";

  @Test
  void goal_pacing_and_firing_rules_are_exported_and_lint_clean_in_both_formats(Vertx vertx) throws Exception {
    try (Pulseboard app = TestApp.start(); Http http = new Http(vertx, app.port())) {
      JsonObject goal = new JsonObject().put("metric", "paid_subscribers_yoy")
          .put("labels", new JsonObject().put("region", "kr")).put("target", 5).put("direction", "higher")
          .put("due", "2030-01-01").put("baseline", new JsonObject().put("value", 1).put("date", "2020-01-01"));
      assertThat(http.send(HttpMethod.POST, "/api/v1/goals", goal.encode()).statusCode()).isEqualTo(201);
      JsonObject rule = new JsonObject().put("name", "kr multiple high").put("metric", "paid_subscribers_yoy")
          .put("kind", "threshold").put("above", 2);
      long id = http.send(HttpMethod.POST, "/api/v1/alert-rules", rule.encode()).bodyAsJsonObject().getLong("id");

      Exposition text = Exposition.awaitScrape(http, Duration.ofSeconds(20),
          e -> e.has("pulseboard_alert_firing", "rule=\"" + id + "\"", 1));
      assertThat(text.value("pulseboard_metric_goal", KR)).hasValue(5);
      assertThat(text.value("pulseboard_metric_goal_pacing", KR).orElseThrow()).isBetween(1.0, 5.0);
      assertThat(text.value("pulseboard_alert_firing", "metric=\"paid_subscribers_yoy\",rule=\"" + id + "\""))
          .hasValue(1);
      Promtool.Result check = Promtool.checkMetrics(text.text());
      assertThat(check.output()).isEmpty();
      assertThat(check.exitCode()).isZero();

      HttpResponse<Buffer> open = http.get("/metrics", "Accept",
          "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
              + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
      assertThat(open.getHeader("Content-Type")).startsWith("application/openmetrics-text; version=1.0.0");
      String om = open.bodyAsString();
      // promtool (2.42) lints the text format only; the real Prometheus parses this one in PrometheusScrapeTest.
      assertThat(om).endsWith("# EOF\n").contains("# TYPE pulseboard_metric_goal gauge\n")
          .contains("# TYPE pulseboard_metric_goal_pacing gauge\n").contains("# TYPE pulseboard_alert_firing gauge\n")
          .contains("pulseboard_alert_firing{metric=\"paid_subscribers_yoy\",rule=\"" + id + "\"} 1.0");
    }
  }

  @Test
  void without_openmetrics_in_accept_the_text_format_is_served(Vertx vertx) throws Exception {
    try (Pulseboard app = TestApp.start(); Http http = new Http(vertx, app.port())) {
      assertThat(http.get("/metrics").getHeader("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
      assertThat(http.get("/metrics", "Accept", "text/plain;q=1, application/openmetrics-text;q=0.5")
          .getHeader("Content-Type")).startsWith("text/plain");
      assertThat(http.get("/metrics", "Accept", "application/openmetrics-text;q=0").getHeader("Content-Type"))
          .startsWith("text/plain");
    }
  }
}
