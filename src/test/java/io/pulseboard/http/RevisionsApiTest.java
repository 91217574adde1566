package io.pulseboard.http;

import static io.pulseboard.http.PointsApiTest.batch;
import static io.pulseboard.http.PointsApiTest.point;
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
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every value a point has had, and history and summaries as they were known at an instant. */
@ExtendWith(VertxExtension.class)
class RevisionsApiTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();
  private static final String TS = "2025-09-10T00:00:00Z";
  private Http http;

  @BeforeEach
  void client(Vertx vertx) {
    http = new Http(vertx, running.port());
  }

  @AfterEach
  void closeClient() {
    http.close();
  }

  /** Writes one value and waits a little, so each write has a transaction time of its own. */
  private void write(String region, String ts, double value) throws InterruptedException {
    HttpResponse<Buffer> r = http.postPoints(batch(point("weekly_users", region, ts, value)));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    Thread.sleep(15);
  }

  private JsonArray revisions(String region, String ts) {
    HttpResponse<Buffer> r = http.get("/api/v1/metrics/weekly_users/points/revisions?ts=" + ts + "&region=" + region);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("revisions");
  }

  private static List<Double> values(JsonArray entries) {
    return entries.stream().map(o -> ((JsonObject) o).getDouble("value")).collect(Collectors.toList());
  }

  @Test
  void lists_every_value_oldest_first_with_when_and_by_which_change_it_was_replaced() throws Exception {
    write("rev", TS, 10);
    write("rev", TS, 20);
    write("rev", TS, 20);
    write("rev", TS, 30);
    JsonArray list = revisions("rev", TS);
    assertThat(values(list)).containsExactly(10.0, 20.0, 30.0);
    for (int i = 0; i < list.size(); i++) {
      JsonObject entry = list.getJsonObject(i);
      assertThat(entry.containsKey("token_id")).isTrue();
      assertThat(entry.getString("written_at")).isNotNull();
      if (i + 1 < list.size()) {
        JsonObject next = list.getJsonObject(i + 1);
        assertThat(entry.getLong("replaced_by")).isEqualTo(next.getLong("seq"));
        assertThat(entry.getString("replaced_at")).isEqualTo(next.getString("written_at"));
        assertThat(Instant.parse(entry.getString("replaced_at"))).isAfter(Instant.parse(entry.getString("written_at")));
      } else {
        assertThat(entry.getValue("replaced_at")).isNull();
        assertThat(entry.getValue("replaced_by")).isNull();
      }
    }
    JsonObject current = http.get("/api/v1/metrics/weekly_users/points?region=rev").bodyAsJsonObject()
        .getJsonArray("series").getJsonObject(0).getJsonArray("points").getJsonObject(0);
    assertThat(list.getJsonObject(2).getLong("seq")).isEqualTo(current.getLong("seq"));
    assertThat(list.getJsonObject(2).getString("written_at")).isEqualTo(current.getString("updated_at"));
  }

  @Test
  void history_as_of_gives_each_value_while_it_was_current_and_hides_later_points() throws Exception {
    write("asof", TS, 1);
    write("asof", TS, 2);
    write("asof", "2025-09-11T00:00:00Z", 100);
    write("asof", TS, 3);
    JsonArray list = revisions("asof", TS);
    Instant first = Instant.parse(list.getJsonObject(0).getString("written_at"));
    Instant second = Instant.parse(list.getJsonObject(1).getString("written_at"));
    Instant third = Instant.parse(list.getJsonObject(2).getString("written_at"));
    Instant later = Instant.parse(revisions("asof", "2025-09-11T00:00:00Z").getJsonObject(0).getString("written_at"));

    assertThat(historyAsOf(first.minusNanos(1000))).isEmpty();
    assertThat(historyAsOf(first)).containsExactly(1.0);
    assertThat(historyAsOf(second.minusNanos(1000))).containsExactly(1.0);
    assertThat(historyAsOf(second)).containsExactly(2.0);
    assertThat(historyAsOf(later)).containsExactly(2.0, 100.0);
    assertThat(historyAsOf(third)).containsExactly(3.0, 100.0);
    assertThat(historyAsOf(Instant.parse("2999-01-01T00:00:00Z"))).containsExactly(3.0, 100.0);

    JsonObject bucket = http.get("/api/v1/metrics/weekly_users/points?region=asof&step=P1M&agg=sum&as_of="
        + later).bodyAsJsonObject();
    assertThat(bucket.getString("as_of")).isEqualTo(later.toString());
    JsonObject month = bucket.getJsonArray("series").getJsonObject(0).getJsonArray("points").getJsonObject(0);
    assertThat(month.getDouble("value")).isEqualTo(102.0);
    assertThat(month.getInteger("points")).isEqualTo(2);
  }

  private List<Double> historyAsOf(Instant asOf) {
    HttpResponse<Buffer> r = http.get("/api/v1/metrics/weekly_users/points?region=asof&as_of=" + asOf);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonArray series = r.bodyAsJsonObject().getJsonArray("series");
    return series.isEmpty() ? List.of() : values(series.getJsonObject(0).getJsonArray("points"));
  }

  @Test
  void summaries_as_of_show_the_latest_value_then_and_mark_a_revised_value() throws Exception {
    write("sum-asof", TS, 5);
    write("sum-asof", TS, 6);
    JsonArray list = revisions("sum-asof", TS);
    Instant second = Instant.parse(list.getJsonObject(1).getString("written_at"));
    JsonObject before = latest(http.get("/api/v1/metrics/weekly_users?as_of=" + second.minusNanos(1000)));
    assertThat(before.getDouble("value")).isEqualTo(5.0);
    assertThat(before.containsKey("revised")).isFalse();
    JsonObject now = latest(http.get("/api/v1/metrics/weekly_users"));
    assertThat(now.getDouble("value")).isEqualTo(6.0);
    assertThat(now.getJsonObject("revised").getDouble("value")).isEqualTo(5.0);
    assertThat(now.getJsonObject("revised").getString("replaced_at")).isEqualTo(second.toString());
    JsonObject inList = http.get("/api/v1/metrics?as_of=" + second.minusNanos(1000)).bodyAsJsonObject()
        .getJsonArray("metrics").stream().map(JsonObject.class::cast)
        .filter(m -> m.getString("id").equals("weekly_users")).findFirst().orElseThrow();
    assertThat(seriesOf(inList, "sum-asof").getJsonObject("latest").getDouble("value")).isEqualTo(5.0);
  }

  private static JsonObject seriesOf(JsonObject metric, String region) {
    return metric.getJsonArray("series").stream().map(JsonObject.class::cast)
        .filter(s -> region.equals(s.getJsonObject("labels").getString("region"))).findFirst().orElseThrow();
  }

  private static JsonObject latest(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return seriesOf(r.bodyAsJsonObject(), "sum-asof").getJsonObject("latest");
  }

  @Test
  void a_sum_metric_carries_its_month_and_quarter_to_date_in_the_zone_asked_for() throws Exception {
    String metric = """
        {"name":"Sign-ups","unit":"users","labels":["region"],"cadence":"P1D","display":"number","aggregation":"sum"}""";
    assertThat(http.send(HttpMethod.PUT, "/api/v1/metrics/signups", metric).statusCode()).isEqualTo(201);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Map<Instant, Double> points = new LinkedHashMap<>();
    ZonedDateTime seoulMonth = now.atZone(ZoneId.of("Asia/Seoul")).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
    ZonedDateTime seoulQuarter = seoulMonth.withMonth((seoulMonth.getMonthValue() - 1) / 3 * 3 + 1);
    points.put(seoulQuarter.toInstant().minusSeconds(3600), 100_000.0);
    points.put(seoulQuarter.toInstant(), 1.0);
    points.put(seoulMonth.toInstant().minusSeconds(1), 2.0);
    points.put(seoulMonth.toInstant(), 4.0);
    points.put(now.minusSeconds(60), 8.0);
    points.put(now.plusSeconds(86_400), 5000.0);
    JsonArray items = new JsonArray();
    points.forEach((ts, v) -> items.add(point("signups", "kr", ts.toString(), v)));
    assertThat(http.postPoints(new JsonObject().put("points", items)).statusCode()).isEqualTo(200);
    for (String zone : List.of("Asia/Seoul", "UTC")) {
      HttpResponse<Buffer> r = http.get("/api/v1/metrics/signups" + (zone.equals("UTC") ? "" : "?tz=" + zone));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      JsonObject ptd = seriesOf(r.bodyAsJsonObject(), "kr").getJsonObject("period_to_date");
      assertThat(ptd.getString("tz")).isEqualTo(zone);
      ZonedDateTime month = now.atZone(ZoneId.of(zone)).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
      ZonedDateTime quarter = month.withMonth((month.getMonthValue() - 1) / 3 * 3 + 1);
      assertThat(ptd.getJsonObject("month")).as(zone).isEqualTo(total(points, month.toInstant(), now));
      assertThat(ptd.getJsonObject("quarter")).as(zone).isEqualTo(total(points, quarter.toInstant(), now));
    }
    write("level", TS, 7);
    assertThat(seriesOf(http.get("/api/v1/metrics/weekly_users").bodyAsJsonObject(), "level")
        .containsKey("period_to_date")).isFalse();
  }

  /** The period total computed here: the points from {@code from} to {@code now}. */
  private static JsonObject total(Map<Instant, Double> points, Instant from, Instant now) {
    double sum = 0;
    int n = 0;
    for (Map.Entry<Instant, Double> p : points.entrySet()) {
      if (!p.getKey().isBefore(from) && !p.getKey().isAfter(now)) {
        sum += p.getValue();
        n++;
      }
    }
    return new JsonObject().put("from", from.toString()).put("value", sum).put("points", n);
  }

  private static JsonObject problem(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    return r.bodyAsJsonObject();
  }

  private static String pointer(JsonObject problem) {
    return problem.getJsonArray("errors").getJsonObject(0).getString("pointer");
  }

  @Test
  void a_missing_or_bad_ts_is_422_naming_ts() {
    String base = "/api/v1/metrics/weekly_users/points/revisions?region=global";
    assertThat(pointer(problem(http.get(base), 422))).isEqualTo("ts");
    assertThat(pointer(problem(http.get(base + "&ts=yesterday"), 422))).isEqualTo("ts");
    assertThat(pointer(problem(http.get(base + "&ts=2025-09-10T00:00:00.0000001Z"), 422))).isEqualTo("ts");
  }

  @Test
  void an_unknown_metric_series_or_point_is_404_and_an_unknown_label_key_422() {
    String ts = "?ts=" + TS;
    problem(http.get("/api/v1/metrics/nope/points/revisions" + ts), 404);
    problem(http.get("/api/v1/metrics/weekly_users/points/revisions" + ts + "&region=nowhere"), 404);
    problem(http.get("/api/v1/metrics/weekly_users/points/revisions?ts=1999-01-01T00:00:00Z&region=global"), 404);
    assertThat(pointer(problem(http.get("/api/v1/metrics/weekly_users/points/revisions" + ts + "&city=seoul"), 422)))
        .isEqualTo("city");
  }

  @Test
  void a_bad_as_of_or_time_zone_is_422_naming_it_and_writes_nothing() {
    long points = TestDatabase.queryLong(running.db(), "SELECT count(*) FROM points");
    for (String path : List.of("/api/v1/metrics/weekly_users/points", "/api/v1/metrics", "/api/v1/metrics/weekly_users")) {
      for (String bad : List.of("yesterday", "2025-09-10", "2025-09-10T00:00:00", "%2B10000-01-01T00:00:00Z")) {
        assertThat(pointer(problem(http.get(path + "?as_of=" + bad), 422))).as(path + " " + bad).isEqualTo("as_of");
      }
      JsonObject zone = problem(http.get(path + "?tz=Mars/Olympus"), 422);
      assertThat(pointer(zone)).isEqualTo("tz");
      assertThat(zone.getJsonArray("errors").getJsonObject(0).getString("detail")).contains("Mars/Olympus");
    }
    assertThat(TestDatabase.queryLong(running.db(), "SELECT count(*) FROM points")).isEqualTo(points);
  }
}
