package io.pulseboard.bench;

import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;

/**
 * A monthly-bucket history over 10 years of hourly points (87 600 per series) for 10 series: the
 * time of {@code GET /api/v1/metrics/hourly/points?step=P1M} (median and p90 after a warm-up), in
 * UTC and in Seoul, for each reduction; then a correction, after which the answer must still equal
 * the one computed from the raw points (the {@code as_of} path, which reads points one by one,
 * timed too), and the machine's load average, since the times depend on what else runs. Not a
 * test; run it by hand:
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.pulseboard.bench.PeriodHistoryBench</pre>
 *
 * With {@code PULSEBOARD_TEST_DATABASE_URL} set it uses that PostgreSQL, else an embedded one.
 * The points are loaded with one {@code INSERT ... SELECT} (the write path's triggers keep the
 * daily totals as they do for API writes); the query is timed over HTTP.
 */
public final class PeriodHistoryBench {
  private static final int SERIES = 10;
  private static final int HOURS = 87_600;
  private static final int WARMUP = 5;
  private static final int RUNS = 30;
  private static final int RAW_RUNS = 5;
  private static final String PATH = "/api/v1/metrics/hourly/points?step=P1M&limit=100000";
  private static final String FAR_FUTURE = "&as_of=2999-01-01T00:00:00Z";

  private PeriodHistoryBench() {}

  public static void main(String[] args) throws Exception {
    Vertx client = Vertx.vertx();
    String db = TestDatabase.create();
    try (Pulseboard app = TestApp.start(db, Map.of("PULSEBOARD_SEED", "false"))) {
      WebClient web = WebClient.create(client, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(app.port()));
      load(web, db);
      for (String query : new String[] {"&agg=sum", "&agg=sum&tz=Asia/Seoul", "&agg=avg&tz=Europe/Berlin",
          "&agg=last&tz=Asia/Seoul", "&agg=max&tz=America/New_York"}) {
        time(web, PATH + query);
      }
      time(web, PATH + "&agg=sum&tz=Asia/Seoul" + FAR_FUTURE);
      correct(web);
      System.out.printf("load average (1 min) %.1f on %d cores%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
      for (String query : new String[] {"&agg=sum&tz=Asia/Seoul", "&agg=last&tz=Asia/Seoul", "&agg=min"}) {
        JsonArray rolled = get(web, PATH + query).getJsonArray("series");
        JsonArray raw = get(web, PATH + query + FAR_FUTURE).getJsonArray("series");
        System.out.printf("after a correction, %s against the answer from raw points: %s%n", query, compare(rolled, raw));
      }
    } finally {
      client.close().await();
      System.exit(0);
    }
  }

  private static void load(WebClient web, String db) {
    JsonObject metric = new JsonObject().put("name", "Hourly orders").put("unit", "orders").put("cadence", "PT1H")
        .put("display", "number").put("labels", new JsonArray().add("region")).put("aggregation", "sum");
    send(web, HttpMethod.PUT, "/api/v1/metrics/hourly", metric);
    long start = System.nanoTime();
    TestDatabase.execute(db, "INSERT INTO series (metric_id, labels) SELECT 'hourly', jsonb_build_object('region', 'r' || i)"
        + " FROM generate_series(1, " + SERIES + ") i");
    TestDatabase.execute(db, "INSERT INTO points (series_id, ts, value, source, seq)"
        + " SELECT s.id, t, round((random() * 100)::numeric, 2), 'bench', nextval('change_seq')"
        + " FROM series s, generate_series('2015-01-01T00:00:00Z'::timestamptz,"
        + " '2015-01-01T00:00:00Z'::timestamptz + interval '" + (HOURS - 1) + " hours', interval '1 hour') t"
        + " WHERE s.metric_id = 'hourly'");
    TestDatabase.execute(db, "VACUUM ANALYZE points");
    TestDatabase.execute(db, "VACUUM ANALYZE point_days");
    System.out.printf("loaded %d points (%d series x %d hours) in %.1f s%n", (long) SERIES * HOURS, SERIES, HOURS,
        (System.nanoTime() - start) / 1e9);
  }

  /** Corrects a few hundred points across month boundaries (in Seoul and UTC) through the API. */
  private static void correct(WebClient web) {
    JsonArray points = new JsonArray();
    for (int month = 0; month < 120; month += 7) {
      String ts = String.format("%04d-%02d-01T00:00:00Z", 2015 + month / 12, month % 12 + 1);
      String eve = String.format("%04d-%02d-01T14:00:00Z", 2015 + month / 12, month % 12 + 1);
      for (int r = 1; r <= SERIES; r++) {
        JsonObject labels = new JsonObject().put("region", "r" + r);
        points.add(new JsonObject().put("metric", "hourly").put("labels", labels).put("ts", ts).put("value", 1000 + r));
        points.add(new JsonObject().put("metric", "hourly").put("labels", labels).put("ts", eve).put("value", -5));
      }
    }
    send(web, HttpMethod.POST, "/api/v1/points", new JsonObject().put("points", points));
    System.out.printf("corrected %d points through the API%n", points.size());
  }

  private static void time(WebClient web, String path) {
    int runs = path.contains("as_of") ? RAW_RUNS : RUNS;
    long[] times = new long[runs];
    int buckets = 0;
    for (int i = 0; i < runs + WARMUP; i++) {
      long start = System.nanoTime();
      JsonObject body = get(web, path);
      if (i >= WARMUP) {
        times[i - WARMUP] = System.nanoTime() - start;
      }
      buckets = body.getJsonArray("series").stream()
          .mapToInt(s -> ((JsonObject) s).getJsonArray("points").size()).sum();
    }
    System.out.printf("%-75s %5d buckets: min %6.1f ms, median %6.1f ms, p90 %6.1f ms%n", path, buckets,
        Percentiles.ms(times, 0), Percentiles.ms(times, 50), Percentiles.ms(times, 90));
  }

  private static JsonObject get(WebClient web, String path) {
    HttpResponse<Buffer> r = web.get(path).send().await();
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  private static void send(WebClient web, HttpMethod method, String path, JsonObject body) {
    HttpResponse<Buffer> r = web.request(method, path).putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN)
        .sendJsonObject(body).await();
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.bodyAsString());
    }
  }

  /**
   * Same series, buckets, point counts and seqs, and values equal but for the order in which
   * floating-point sums were added up: the largest relative difference.
   */
  private static String compare(JsonArray a, JsonArray b) {
    if (a.size() != b.size()) {
      return "different series";
    }
    double worst = 0;
    for (int s = 0; s < a.size(); s++) {
      JsonArray pa = a.getJsonObject(s).getJsonArray("points");
      JsonArray pb = b.getJsonObject(s).getJsonArray("points");
      if (!a.getJsonObject(s).getJsonObject("labels").equals(b.getJsonObject(s).getJsonObject("labels"))
          || pa.size() != pb.size()) {
        return "different buckets";
      }
      for (int i = 0; i < pa.size(); i++) {
        JsonObject x = pa.getJsonObject(i);
        JsonObject y = pb.getJsonObject(i);
        if (!x.getString("ts").equals(y.getString("ts")) || !x.getInteger("points").equals(y.getInteger("points"))
            || !x.getLong("seq").equals(y.getLong("seq"))) {
          return "different bucket " + x + " vs " + y;
        }
        double vx = x.getDouble("value");
        double vy = y.getDouble("value");
        worst = Math.max(worst, vx == vy ? 0 : Math.abs(vx - vy) / Math.max(Math.abs(vx), Math.abs(vy)));
      }
    }
    return String.format("same buckets, counts and seqs; largest relative value difference %.1e", worst);
  }

}
