package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.RunningApp;
import io.pulseboard.TestApp;
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

/** A CSV export imports back as it is: into a fresh database, the same points; into its own, nothing changes. */
@ExtendWith(VertxExtension.class)
class CsvRoundTripTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();
  private static final String HISTORY = "/api/v1/metrics/weekly_users/points";

  private static JsonObject point(String region, String ts, double value, String source) {
    JsonObject p = new JsonObject().put("metric", "weekly_users").put("ts", ts).put("value", value).put("source", source);
    return region == null ? p : p.put("labels", new JsonObject().put("region", region));
  }

  /** The history without what a write assigns (seq, updated_at): the points as a user sent them. */
  private static JsonArray points(Http http) {
    JsonArray series = http.get(HISTORY).bodyAsJsonObject().getJsonArray("series");
    series.forEach(s -> ((JsonObject) s).getJsonArray("points").forEach(p -> {
      ((JsonObject) p).remove("seq");
      ((JsonObject) p).remove("updated_at");
    }));
    return series;
  }

  private static HttpResponse<Buffer> importCsv(Http http, String csv) {
    return http.send(HttpMethod.POST, "/api/v1/points", csv, TestApp.ADMIN_TOKEN, "text/csv; charset=utf-8");
  }

  @Test
  void an_export_imports_back_as_the_same_points(Vertx vertx) throws Exception {
    try (Http a = new Http(vertx, running.port())) {
      List<JsonObject> tricky = List.of(
          point("kr", "2024-01-01T00:00:00Z", 1.5, "a, \"quoted\"\nsource"),
          point("=HYPERLINK(\"x\")", "2024-01-02T00:00:00.123456Z", -700000000, "@SUM(1)"),
          point("'already", "2024-01-03T09:00:00+09:00", 1e-7, "'=not a formula"),
          point("한국", "2024-01-04T00:00:00Z", 0, "주간 보고서"),
          point(null, "2024-01-05T00:00:00Z", 12345678912345.0, ""),
          point("-1", "2024-01-06T00:00:00Z", 3, "\ttab"));
      assertThat(a.postPoints(new JsonObject().put("points", new JsonArray(List.copyOf(tricky)))).statusCode())
          .isEqualTo(200);
      String export = a.get(HISTORY, "Accept", "text/csv").bodyAsString();
      JsonArray before = points(a);

      JsonObject again = importCsv(a, export).bodyAsJsonObject();
      assertThat(again.getInteger("written")).isZero();
      assertThat(again.getInteger("unchanged")).isEqualTo(again.getInteger("rows"));

      Pulseboard fresh = TestApp.start();
      try (Http b = new Http(vertx, fresh.port())) {
        HttpResponse<Buffer> r = importCsv(b, export);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        assertThat(points(b)).isEqualTo(before);
        assertThat(b.get(HISTORY, "Accept", "text/csv").bodyAsString()).isEqualTo(export);
      } finally {
        fresh.close();
      }
    }
  }
}
