package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * History buckets in calendar units and time zones, each checked against buckets computed here
 * with java.time from the same points.
 */
@ExtendWith(VertxExtension.class)
class CalendarBucketsTest {
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

  /** A bucket as the test expects it: start, sum of values, number of points. */
  record Bucket(String ts, double value, int points) {}

  /** Writes one point per step from {@code from} (inclusive) to {@code to} (exclusive), value 1 + hour of day. */
  private List<Instant> write(String region, Instant from, Instant to, Duration every) {
    List<Instant> times = new ArrayList<>();
    for (Instant t = from; t.isBefore(to); t = t.plus(every)) {
      times.add(t);
    }
    for (int i = 0; i < times.size(); i += 5000) {
      JsonArray items = new JsonArray();
      times.subList(i, Math.min(times.size(), i + 5000)).forEach(t -> items.add(new JsonObject()
          .put("metric", "weekly_users").put("labels", new JsonObject().put("region", region))
          .put("ts", t.toString()).put("value", value(t))));
      HttpResponse<Buffer> r = http.postPoints(new JsonObject().put("points", items));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    }
    return times;
  }

  private static double value(Instant t) {
    return 1 + t.atZone(ZoneId.of("UTC")).getHour();
  }

  private static List<Bucket> expected(List<Instant> times, Function<Instant, ZonedDateTime> start) {
    Map<Instant, double[]> sums = new TreeMap<>();
    times.forEach(t -> {
      double[] acc = sums.computeIfAbsent(start.apply(t).toInstant(), k -> new double[2]);
      acc[0] += value(t);
      acc[1]++;
    });
    List<Bucket> buckets = new ArrayList<>();
    sums.forEach((ts, acc) -> buckets.add(new Bucket(ts.toString(), acc[0], (int) acc[1])));
    return buckets;
  }

  private List<Bucket> actual(String region, String step, String zone) {
    String tz = zone == null ? "" : "&tz=" + URLEncoder.encode(zone, StandardCharsets.UTF_8);
    HttpResponse<Buffer> r = http.get("/api/v1/metrics/weekly_users/points?agg=sum&limit=100000&region=" + region
        + "&step=" + step + tz);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("tz")).isEqualTo(zone == null ? "UTC" : zone);
    List<Bucket> buckets = new ArrayList<>();
    body.getJsonArray("series").getJsonObject(0).getJsonArray("points").forEach(o -> {
      JsonObject p = (JsonObject) o;
      buckets.add(new Bucket(p.getString("ts"), p.getDouble("value"), p.getInteger("points")));
    });
    return buckets;
  }

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  private static Function<Instant, ZonedDateTime> month(String zone) {
    return t -> t.atZone(ZoneId.of(zone)).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
  }

  private static Function<Instant, ZonedDateTime> quarter(String zone) {
    return t -> {
      ZonedDateTime local = t.atZone(ZoneId.of(zone));
      int firstMonth = (local.getMonthValue() - 1) / 3 * 3 + 1;
      return local.withMonth(firstMonth).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
    };
  }

  private static Function<Instant, ZonedDateTime> day(String zone) {
    return t -> t.atZone(ZoneId.of(zone)).truncatedTo(ChronoUnit.DAYS);
  }

  @Test
  void month_buckets_hold_months_of_28_29_30_and_31_days() {
    List<Instant> times = write("months", at("2024-01-01T00:00:00Z"), at("2024-05-01T00:00:00Z"), Duration.ofHours(1));
    times.addAll(write("months", at("2025-02-01T00:00:00Z"), at("2025-03-01T00:00:00Z"), Duration.ofHours(1)));
    List<Bucket> buckets = actual("months", "P1M", null);
    assertThat(buckets).isEqualTo(expected(times, month("UTC")));
    assertThat(buckets).extracting(Bucket::points).containsExactly(31 * 24, 29 * 24, 31 * 24, 30 * 24, 28 * 24);
  }

  @Test
  void month_buckets_in_seoul_start_at_seoul_midnight() {
    List<Instant> times = write("months-seoul", at("2025-01-31T12:00:00Z"), at("2025-03-01T18:00:00Z"),
        Duration.ofHours(1));
    List<Bucket> buckets = actual("months-seoul", "P1M", "Asia/Seoul");
    assertThat(buckets).isEqualTo(expected(times, month("Asia/Seoul")));
    assertThat(buckets).extracting(Bucket::ts)
        .containsExactly("2024-12-31T15:00:00Z", "2025-01-31T15:00:00Z", "2025-02-28T15:00:00Z");
  }

  @Test
  void a_quarter_bucket_crosses_the_year_boundary_in_seoul() {
    List<Instant> times = write("quarters", at("2024-09-15T00:00:00Z"), at("2025-04-15T00:00:00Z"), Duration.ofHours(6));
    List<Bucket> buckets = actual("quarters", "P3M", "Asia/Seoul");
    assertThat(buckets).isEqualTo(expected(times, quarter("Asia/Seoul")));
    assertThat(buckets).extracting(Bucket::ts).containsExactly("2024-06-30T15:00:00Z", "2024-09-30T15:00:00Z",
        "2024-12-31T15:00:00Z", "2025-03-31T15:00:00Z");
  }

  @Test
  void year_buckets_follow_the_zone() {
    List<Instant> times = write("years", at("2023-12-31T00:00:00Z"), at("2025-01-01T12:00:00Z"), Duration.ofHours(3));
    assertThat(actual("years", "P1Y", "America/New_York"))
        .isEqualTo(expected(times, t -> t.atZone(ZoneId.of("America/New_York")).withDayOfYear(1)
            .truncatedTo(ChronoUnit.DAYS)));
  }

  @Test
  void days_in_seoul_and_in_utc_split_the_same_points_differently() {
    List<Instant> times = List.of(at("2025-09-09T14:59:00Z"), at("2025-09-09T15:00:00Z"), at("2025-09-09T23:00:00Z"),
        at("2025-09-10T01:00:00Z"));
    times.forEach(t -> write("days", t, t.plusSeconds(1), Duration.ofSeconds(1)));
    List<Bucket> utc = actual("days", "P1D", "UTC");
    List<Bucket> seoul = actual("days", "P1D", "Asia/Seoul");
    assertThat(utc).isEqualTo(expected(times, day("UTC")));
    assertThat(seoul).isEqualTo(expected(times, day("Asia/Seoul")));
    assertThat(utc).extracting(Bucket::points).containsExactly(3, 1);
    assertThat(seoul).extracting(Bucket::points).containsExactly(1, 3);
    assertThat(seoul.get(1).ts()).isEqualTo("2025-09-09T15:00:00Z");
  }

  @Test
  void a_berlin_day_lasts_23_hours_in_march_and_25_in_october() {
    List<Instant> march = write("berlin", at("2025-03-28T23:00:00Z"), at("2025-04-01T22:00:00Z"), Duration.ofHours(1));
    List<Instant> october = write("berlin", at("2025-10-24T22:00:00Z"), at("2025-10-28T23:00:00Z"), Duration.ofHours(1));
    List<Instant> all = new ArrayList<>(march);
    all.addAll(october);
    List<Bucket> buckets = actual("berlin", "P1D", "Europe/Berlin");
    assertThat(buckets).isEqualTo(expected(all, day("Europe/Berlin")));
    assertThat(buckets).extracting(Bucket::points).containsExactly(24, 23, 24, 24, 24, 25, 24, 24);
    assertThat(buckets.get(1).ts()).isEqualTo("2025-03-29T23:00:00Z");
    assertThat(buckets.get(2).ts()).isEqualTo("2025-03-30T22:00:00Z");
    assertThat(buckets.get(5).ts()).isEqualTo("2025-10-25T22:00:00Z");
    assertThat(buckets.get(6).ts()).isEqualTo("2025-10-26T23:00:00Z");
  }

  @Test
  void week_buckets_start_on_monday_at_local_midnight() {
    List<Instant> times = write("weeks", at("2025-03-20T00:00:00Z"), at("2025-04-10T00:00:00Z"), Duration.ofHours(2));
    Function<Instant, ZonedDateTime> monday = t -> t.atZone(ZoneId.of("Europe/Berlin"))
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).truncatedTo(ChronoUnit.DAYS);
    assertThat(actual("weeks", "P1W", "Europe/Berlin")).isEqualTo(expected(times, monday));
    assertThat(actual("weeks", "P7D", "Europe/Berlin")).isEqualTo(expected(times, monday));
  }

  @Test
  void hour_buckets_follow_a_half_hour_offset_zone() {
    List<Instant> times = write("hours", at("2025-09-10T00:00:00Z"), at("2025-09-10T06:00:00Z"), Duration.ofMinutes(20));
    assertThat(actual("hours", "PT1H", "Asia/Kolkata"))
        .isEqualTo(expected(times, t -> t.atZone(ZoneId.of("Asia/Kolkata")).truncatedTo(ChronoUnit.HOURS)));
  }

  @Test
  void long_buckets_from_daily_totals_equal_buckets_from_the_points_after_corrections_and_cut_ranges() {
    write("rolled", at("2024-12-20T00:00:00Z"), at("2025-04-10T00:00:00Z"), Duration.ofMinutes(90));
    JsonArray corrections = new JsonArray();
    for (String ts : List.of("2024-12-31T15:00:00Z", "2025-01-31T16:30:00Z", "2025-03-31T22:30:00Z")) {
      corrections.add(new JsonObject().put("metric", "weekly_users").put("labels", new JsonObject().put("region", "rolled"))
          .put("ts", ts).put("value", -1000.5));
    }
    assertThat(http.postPoints(new JsonObject().put("points", corrections)).statusCode()).isEqualTo(200);
    String base = "/api/v1/metrics/weekly_users/points?limit=100000&region=rolled";
    for (String range : List.of("", "&from=2025-01-10T07:30:00Z&to=2025-03-15T13:00:00Z")) {
      for (String step : List.of("P1M", "P3M", "P1Y", "P1W", "P14D", "P1D", "P2D")) {
        for (String agg : List.of("sum", "avg", "min", "max", "last")) {
          for (String zone : List.of("UTC", "Asia/Seoul", "Europe/Berlin", "Asia/Kolkata")) {
            String path = base + range + "&step=" + step + "&agg=" + agg + "&tz=" + zone;
            // as_of in the future answers from the points one by one, never from the daily totals.
            JsonArray fromTotals = http.get(path).bodyAsJsonObject().getJsonArray("series");
            JsonArray fromPoints = http.get(path + "&as_of=2999-01-01T00:00:00Z").bodyAsJsonObject().getJsonArray("series");
            assertThat(fromTotals).as(path).isEqualTo(fromPoints);
          }
        }
      }
    }
  }

  @Test
  void buckets_from_hourly_totals_equal_buckets_from_the_points_after_corrections_and_deletes() {
    // New York moves to daylight saving time on 9 March 2025 and back on 2 November.
    List<Instant> times = write("hourly", at("2025-03-01T00:00:00Z"), at("2025-03-20T00:00:00Z"), Duration.ofMinutes(7));
    times.addAll(write("hourly", at("2025-10-25T00:00:00Z"), at("2025-11-08T00:00:00Z"), Duration.ofMinutes(7)));
    JsonArray changes = new JsonArray();
    for (int i = 0; i < times.size(); i += 97) {
      changes.add(hourly(times.get(i), -1000.5)).add(hourly(times.get(i).plusSeconds(30), 5000.25));
    }
    assertThat(http.postPoints(new JsonObject().put("points", changes)).statusCode()).isEqualTo(200);
    TestDatabase.execute(running.db(), "DELETE FROM points p USING series s WHERE p.series_id = s.id"
        + " AND s.labels->>'region' = 'hourly' AND (p.ts >= '2025-03-09T06:00:00Z' AND p.ts < '2025-03-09T08:30:00Z'"
        + " OR p.ts = '2025-11-02T05:36:00Z' OR p.ts >= '2025-11-02T09:00:00Z' AND p.ts < '2025-11-02T10:00:00Z')");
    assertThat(TestDatabase.queryLong(running.db(), "SELECT count(*) FROM point_hours h JOIN series s ON s.id = h.series_id"
        + " WHERE s.labels->>'region' = 'hourly' AND h.hour >= '2025-03-09T06:00:00Z' AND h.hour < '2025-03-09T08:00:00Z'"))
        .as("emptied hours go").isZero();
    assertThat(TestDatabase.queryLong(running.db(), """
        SELECT count(*) FROM point_hours h FULL JOIN (
          SELECT series_id, date_trunc('hour', ts, 'UTC') AS hour, count(*)::int AS n, sum(value) AS total,
                 min(value) AS lo, max(value) AS hi, max(ts) AS last_ts,
                 (array_agg(value ORDER BY ts DESC))[1] AS last_value, max(seq) AS max_seq
          FROM points GROUP BY 1, 2) a USING (series_id, hour)
        WHERE (h.n, h.total, h.lo, h.hi, h.last_ts, h.last_value, h.max_seq)
          IS DISTINCT FROM (a.n, a.total, a.lo, a.hi, a.last_ts, a.last_value, a.max_seq)"""))
        .as("every hour's totals equal those of its points").isZero();
    String base = "/api/v1/metrics/weekly_users/points?limit=100000&region=hourly";
    for (String range : List.of("", "&from=2025-03-05T07:30:00Z&to=2025-11-03T13:00:00Z")) {
      for (String step : List.of("P1D", "P2D", "P1M", "P1W", "PT1H", "PT6H")) {
        for (String agg : List.of("sum", "avg", "min", "max", "last")) {
          for (String zone : List.of("Asia/Seoul", "America/New_York", "Asia/Kolkata", "UTC")) {
            String path = base + range + "&step=" + step + "&agg=" + agg + "&tz=" + zone;
            JsonArray fromTotals = http.get(path).bodyAsJsonObject().getJsonArray("series");
            JsonArray fromPoints = http.get(path + "&as_of=2999-01-01T00:00:00Z").bodyAsJsonObject().getJsonArray("series");
            assertThat(fromTotals).as(path).isEqualTo(fromPoints);
          }
        }
      }
    }
    assertThat(actual("hourly", "P1D", "America/New_York")).extracting(Bucket::ts)
        .contains("2025-03-09T05:00:00Z", "2025-03-10T04:00:00Z", "2025-11-02T04:00:00Z", "2025-11-03T05:00:00Z");
  }

  private static JsonObject hourly(Instant ts, double value) {
    return new JsonObject().put("metric", "weekly_users").put("labels", new JsonObject().put("region", "hourly"))
        .put("ts", ts.toString()).put("value", value);
  }

  private static JsonObject problem(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(422);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    return r.bodyAsJsonObject();
  }

  @Test
  void an_unknown_time_zone_is_422_naming_tz() {
    for (String bad : List.of("Mars/Olympus", "asia/seoul", "%2B09:00", "")) {
      JsonObject p = problem(http.get("/api/v1/metrics/weekly_users/points?step=P1D&tz=" + bad));
      assertThat(p.getString("type")).isEqualTo("urn:pulseboard:problem:invalid");
      assertThat(p.getJsonArray("errors").getJsonObject(0).getString("pointer")).as(bad).isEqualTo("tz");
    }
  }

  @Test
  void an_unsupported_calendar_step_is_422_naming_step() {
    JsonObject notAStep = problem(http.get("/api/v1/metrics/weekly_users/points?step=month"));
    assertThat(notAStep.getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("step");
    for (String bad : List.of("P2M", "P1Y6M", "P6M", "P2Y", "P0D")) {
      JsonObject p = problem(http.get("/api/v1/metrics/weekly_users/points?step=" + bad));
      assertThat(p.getJsonArray("errors").getJsonObject(0).getString("pointer")).as(bad).isEqualTo("step");
      assertThat(p.getJsonArray("errors").getJsonObject(0).getString("detail")).as(bad).contains("P1M, P3M or P1Y");
    }
  }
}
