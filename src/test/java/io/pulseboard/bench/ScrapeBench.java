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
 * What one {@code GET /metrics} costs with 10 000 exported KPI series: time (median and p90 over
 * many scrapes, after a warm-up) and size, plain and gzip. Not a test; run it by hand:
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.pulseboard.bench.ScrapeBench</pre>
 *
 * With {@code PULSEBOARD_TEST_DATABASE_URL} set it uses that PostgreSQL, else an embedded one.
 */
public final class ScrapeBench {
  private static final int SERIES = 10_000;
  private static final int SEEDED = 5;
  private static final int WARMUP = 50;
  private static final int RUNS = 200;

  private ScrapeBench() {}

  public static void main(String[] args) throws Exception {
    Vertx client = Vertx.vertx();
    try (Pulseboard app = TestApp.start(TestDatabase.create(), Map.of())) {
      WebClient web = WebClient.create(client, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(app.port()));
      report("seed only (" + SEEDED + " series)", web);
      fill(web);
      report(SERIES + " series", web);
      long[] direct = new long[RUNS];
      for (int i = 0; i < RUNS + WARMUP; i++) {
        long start = System.nanoTime();
        app.registry().scrape();
        if (i >= WARMUP) {
          direct[i - WARMUP] = System.nanoTime() - start;
        }
      }
      System.out.printf("registry.scrape() in process, %d series: median %.1f ms, p90 %.1f ms%n", SERIES,
          Percentiles.ms(direct, 50), Percentiles.ms(direct, 90));
    } finally {
      client.close().await();
      System.exit(0);
    }
  }

  /** Writes series until {@link #SERIES} are exported, and waits for the change feed to deliver them. */
  private static void fill(WebClient web) throws InterruptedException {
    JsonObject metric = new JsonObject().put("name", "Page views").put("unit", "views").put("cadence", "P1D")
        .put("display", "number").put("labels", new JsonArray().add("page"));
    send(web, HttpMethod.PUT, "/api/v1/metrics/page_views", metric);
    JsonArray points = new JsonArray();
    for (int i = 0; i < SERIES - SEEDED; i++) {
      points.add(new JsonObject().put("metric", "page_views").put("labels", new JsonObject().put("page", "/p/" + i))
          .put("ts", "2025-09-10T00:00:00Z").put("value", i));
    }
    send(web, HttpMethod.POST, "/api/v1/points", new JsonObject().put("points", points));
    while (!scrape(web, false).bodyAsString().contains("\npulseboard_metric_series " + SERIES + ".0")) {
      Thread.sleep(100);
    }
  }

  private static void report(String label, WebClient web) {
    long[] times = new long[RUNS];
    int size = 0;
    for (int i = 0; i < RUNS + WARMUP; i++) {
      long start = System.nanoTime();
      HttpResponse<Buffer> response = scrape(web, false);
      if (i >= WARMUP) {
        times[i - WARMUP] = System.nanoTime() - start;
      }
      size = response.body().length();
    }
    int gzip = scrape(web, true).body().length();
    System.out.printf("GET /metrics, %s: median %.1f ms, p90 %.1f ms, %d bytes (%d gzip)%n", label,
        Percentiles.ms(times, 50), Percentiles.ms(times, 90), size, gzip);
  }

  private static HttpResponse<Buffer> scrape(WebClient web, boolean gzip) {
    var request = web.get("/metrics");
    if (gzip) {
      request.putHeader("Accept-Encoding", "gzip");
    }
    return request.send().await();
  }

  private static void send(WebClient web, HttpMethod method, String path, JsonObject body) {
    int status = web.request(method, path).putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN)
        .putHeader("Content-Type", "application/json").sendJsonObject(body).await().statusCode();
    if (status >= 300) {
      throw new IllegalStateException(method + " " + path + " answered " + status);
    }
  }

}
