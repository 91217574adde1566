package io.pulseboard.bench;

import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.pulseboard.db.HistoryRepository;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Arrays;
import java.util.Map;

/**
 * History at length: one series with a point a minute for a year (525 600 points), and the
 * chart's requests over HTTP: the year in daily buckets (UTC, Seoul, New York, Kolkata), and the
 * last 30 days raw (43 200 points) and in hours; then where the raw read's time goes ({@link RawReadParts}).
 * 5 warm-up requests, then 30 timed. Uses
 * PULSEBOARD_TEST_DATABASE_URL's server when set, else the embedded PostgreSQL. Run:
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.pulseboard.bench.HistoryLengthBench}.
 */
public final class HistoryLengthBench {
  private static final int MINUTES = 525_600;
  private static final int WARMUP = 5;
  private static final int RUNS = 30;
  private static final String POINTS = "/api/v1/metrics/minutely/points?limit=100000";
  private static final String RAW_RANGE = "&from=2025-12-02T00:00:00Z&to=2025-12-31T23:59:59Z";

  private HistoryLengthBench() {}

  public static void main(String[] args) throws Exception {
    Vertx client = Vertx.vertx();
    String db = TestDatabase.create();
    try (Pulseboard app = TestApp.start(db, Map.of("PULSEBOARD_SEED", "false"))) {
      WebClient web = WebClient.create(client, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(app.port()));
      load(web, db);
      time(web, POINTS + "&step=P1D&agg=avg");
      time(web, POINTS + "&step=P1D&agg=max");
      time(web, POINTS + "&step=P1D&agg=avg&tz=Asia/Seoul");
      time(web, POINTS + "&step=P1D&agg=avg&tz=America/New_York");
      time(web, POINTS + "&step=P1D&agg=avg&tz=Asia/Kolkata");
      time(web, POINTS + RAW_RANGE);
      time(web, POINTS + RAW_RANGE + "&step=PT1H&agg=avg&tz=Asia/Seoul");
      RawReadParts.measure(app.pool(), new HistoryRepository(app.pool()), RUNS);
      System.out.printf("load average (1 min) %.1f on %d cores%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
    } finally {
      client.close().await();
      System.exit(0);
    }
  }

  private static void load(WebClient web, String db) {
    JsonObject metric = new JsonObject().put("name", "Per minute").put("unit", "requests").put("cadence", "PT1M")
        .put("display", "number").put("labels", new JsonArray().add("region"));
    HttpResponse<Buffer> r = web.request(HttpMethod.PUT, "/api/v1/metrics/minutely")
        .putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN).putHeader("Content-Type", "application/json")
        .sendBuffer(metric.toBuffer()).await();
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(r.statusCode() + " " + r.bodyAsString());
    }
    long start = System.nanoTime();
    TestDatabase.execute(db, "INSERT INTO series (metric_id, labels) VALUES ('minutely', '{\"region\": \"kr\"}')");
    TestDatabase.execute(db, "INSERT INTO points (series_id, ts, value, source, seq)"
        + " SELECT s.id, t, round((random() * 100)::numeric, 2), 'bench', nextval('change_seq')"
        + " FROM series s, generate_series('2025-01-01T00:00:00Z'::timestamptz,"
        + " '2025-01-01T00:00:00Z'::timestamptz + interval '" + (MINUTES - 1) + " minutes', interval '1 minute') t"
        + " WHERE s.metric_id = 'minutely'");
    TestDatabase.execute(db, "VACUUM ANALYZE points");
    TestDatabase.execute(db, "VACUUM ANALYZE point_days");
    TestDatabase.execute(db, "VACUUM ANALYZE point_hours");
    System.out.printf("loaded %d points (a point a minute for 365 days) in %.1f s%n", MINUTES,
        (System.nanoTime() - start) / 1e9);
  }

  private static void time(WebClient web, String path) {
    long[] times = new long[RUNS];
    int points = 0;
    int bytes = 0;
    for (int i = 0; i < RUNS + WARMUP; i++) {
      long start = System.nanoTime();
      HttpResponse<Buffer> r = web.request(HttpMethod.GET, path)
          .putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN).send().await();
      if (i >= WARMUP) {
        times[i - WARMUP] = System.nanoTime() - start;
      }
      if (r.statusCode() != 200) {
        throw new IllegalStateException(r.statusCode() + " " + r.bodyAsString());
      }
      bytes = r.body().length();
      points = r.bodyAsJsonObject().getJsonArray("series").stream()
          .mapToInt(s -> ((JsonObject) s).getJsonArray("points").size()).sum();
    }
    Arrays.sort(times);
    System.out.printf("%-78s %6d points %8d bytes: min %6.1f, median %6.1f, p90 %6.1f ms%n", path, points, bytes,
        times[0] / 1e6, times[RUNS / 2] / 1e6, times[RUNS * 9 / 10] / 1e6);
  }
}
