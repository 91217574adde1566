package io.pulseboard.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.pulseboard.telemetry.Exposition;
import io.pulseboard.telemetry.Promtool;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A producer writing 20 000 distinct label sets cannot blow up the scrape. */
@ExtendWith(VertxExtension.class)
class SeriesCapTest {
  private static final int LABEL_SETS = 20_000;
  private static final int SEEDED_SERIES = 5;
  private static final int BATCH = 10_000;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void a_small_cap_exports_that_many_series_and_counts_the_rest(Vertx vertx) throws Exception {
    capHolds(vertx, 100, Map.of("PULSEBOARD_METRICS_MAX_SERIES", "100"));
  }

  @Test
  void the_default_cap_of_10000_holds_against_20000_label_sets(Vertx vertx) throws Exception {
    capHolds(vertx, 10_000, Map.of());
  }

  private static void capHolds(Vertx vertx, int cap, Map<String, String> env) throws Exception {
    try (Pulseboard app = TestApp.start(TestDatabase.create(), env); Http http = new Http(vertx, app.port())) {
      KpiExpositionTest.define(http, "page_views", "page");
      for (int first = 0; first < LABEL_SETS; first += BATCH) {
        assertThat(http.postPoints(pages(first, BATCH)).statusCode()).isEqualTo(200);
      }
      int dropped = LABEL_SETS - (cap - SEEDED_SERIES);
      Exposition e = Exposition.awaitScrape(http, WAIT,
          s -> s.value("pulseboard_metric_series_dropped_total").orElse(0) >= dropped);
      assertThat(e.value("pulseboard_metric_series_dropped_total")).hasValue(dropped);
      assertThat(e.value("pulseboard_metric_series")).hasValue(cap);
      assertThat(e.value("pulseboard_metric_series_limit")).hasValue(cap);
      assertThat(e.lines("pulseboard_metric_value")).hasSize(cap);
      assertThat(e.value("pulseboard_metric_value", "metric=\"weekly_users\",region=\"global\"")).hasValue(7e8);
      Promtool.Result check = Promtool.checkMetrics(e.text());
      assertThat(check.output()).isEmpty();
      assertThat(check.exitCode()).isZero();
    }
  }

  private static JsonObject pages(int first, int count) {
    JsonArray points = new JsonArray();
    for (int i = first; i < first + count; i++) {
      points.add(new JsonObject().put("metric", "page_views").put("labels", new JsonObject().put("page", "/p/" + i))
          .put("ts", "2025-09-10T00:00:00Z").put("value", i));
    }
    return new JsonObject().put("points", points);
  }
}
