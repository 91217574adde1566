package io.pulseboard.bench;

import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.pulseboard.web.Browser;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A board of 200 kpi tiles (20 metrics × 10 regions) in headless Chromium on the embedded
 * database: the time to its first complete render (every tile with its value), then the page's
 * main-thread time per second while every one of the 200 series changes 10 times a second
 * (Chrome's {@code Performance.getMetrics}: TaskDuration, LayoutCount, RecalcStyleCount, read
 * through Selenium's CDP). Run: {@code ./mvnw -q test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.pulseboard.bench.BoardRenderBench}; add
 * {@code -Dpulseboard.bench.profile=true} for the page's functions with the most self time (of the
 * updates, and of the third load or the one {@code -Dpulseboard.bench.profile.load} names).
 */
public final class BoardRenderBench {
  private static final int METRICS = 20;
  private static final int REGIONS = 10;
  private static final int TILES = METRICS * REGIONS;
  private static final int CHANGES_PER_SECOND = 10;
  private static final int MEASURE_SECONDS = 20;
  private static final int HISTORY = 60;
  private static final String ADMIN = "Bearer " + TestApp.ADMIN_TOKEN;

  private BoardRenderBench() {}

  public static void main(String[] args) throws Exception {
    Pulseboard app = TestApp.start(TestDatabase.create(), Map.of("PULSEBOARD_SEED", "false"));
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(app.port()).setKeepAlive(true));
    try (Browser browser = Browser.start()) {
      prepare(client);
      String url = "http://127.0.0.1:" + app.port() + "/?lang=en#/boards/bench";
      for (int run = 1; run <= 3; run++) {
        browser.open("about:blank");
        if (run == Integer.getInteger("pulseboard.bench.profile.load", 3) && PageProfile.wanted()) {
          PageProfile.start(browser);
        }
        System.out.printf("first complete render, run %d: %d ms (tiles with values; sparklines drawn: %d ms)%n",
            run, firstRender(browser, url, "value"), sparklines(browser));
        System.out.println(browser.js("const js = performance.getEntriesByType('resource')"
            + ".filter(e => e.name.endsWith('.js'));"
            + "return '  ' + js.length + ' scripts, the last answered at ' + Math.round(Math.max(...js.map(e => e.responseEnd)))"
            + " + ' ms; DOMContentLoaded at ' + Math.round(performance.getEntriesByType('navigation')[0]"
            + ".domContentLoadedEventEnd) + ' ms'"));
      }
      if (PageProfile.wanted()) {
        PageProfile.stop(browser, "load " + Integer.getInteger("pulseboard.bench.profile.load", 3) + " and after");
      }
      System.out.println("  requests of the last run (start and end, ms after navigation start):");
      System.out.println(browser.js("return performance.getEntriesByType('resource')"
          + ".filter(e => e.name.includes('/api/') || e.name.endsWith('main.js'))"
          + ".map(e => '    ' + e.name.replace(/^https?:\\/\\/[^/]+/, '').slice(0, 60) + ' ' + Math.round(e.startTime)"
          + " + '-' + Math.round(e.responseEnd)).join('\\n')"));
      updates(browser, client);
    } finally {
      client.close();
      vertx.close().await();
      app.close();
    }
    System.exit(0);
  }

  private static String metric(int m) {
    return "bench_" + (char) ('a' + m);
  }

  private static String region(int r) {
    return "r" + r;
  }

  /** 20 metrics, a history of 60 days for each of the 200 series, and the board of their 200 tiles. */
  private static void prepare(WebClient client) {
    JsonArray tiles = new JsonArray();
    for (int m = 0; m < METRICS; m++) {
      check(send(client, HttpMethod.PUT, "/api/v1/metrics/" + metric(m), new JsonObject()
          .put("name", "Bench metric " + m).put("unit", "events").put("labels", new JsonArray().add("region"))
          .put("cadence", "P1D").put("display", "number")));
      JsonArray points = new JsonArray();
      Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(HISTORY));
      for (int d = 0; d < HISTORY; d++) {
        for (int r = 0; r < REGIONS; r++) {
          points.add(point(metric(m), region(r), day.plus(Duration.ofDays(d)), 1000 + d * 10 + r));
        }
      }
      check(send(client, HttpMethod.POST, "/api/v1/points", new JsonObject().put("points", points)));
      for (int r = 0; r < REGIONS; r++) {
        tiles.add(new JsonObject().put("kind", "kpi").put("metric", metric(m))
            .put("labels", new JsonObject().put("region", region(r))).put("size", "s"));
      }
    }
    JsonObject board = new JsonObject().put("id", "bench").put("title", new JsonObject().put("en", "Bench"))
        .put("sections", new JsonArray().add(new JsonObject().put("tiles", tiles)));
    check(send(client, HttpMethod.PUT, "/api/v1/boards/bench", board));
  }

  private static JsonObject point(String metric, String region, Instant ts, double value) {
    return new JsonObject().put("metric", metric).put("labels", new JsonObject().put("region", region))
        .put("ts", ts.toString()).put("value", value).put("source", "bench");
  }

  private static HttpResponse<Buffer> send(WebClient client, HttpMethod method, String path, JsonObject body) {
    return client.request(method, path).putHeader("Authorization", ADMIN)
        .putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer()).await();
  }

  private static void check(HttpResponse<Buffer> response) {
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(response.statusCode() + " " + response.bodyAsString());
    }
  }

  /** Milliseconds from navigation start until every tile shows its value, read in the page. */
  private static long firstRender(Browser browser, String url, String what) {
    browser.open(url);
    Object at = browser.await(Duration.ofSeconds(60), "200 tiles with values", d -> browser.js(
        "const values = [...document.querySelectorAll('.kpi-tile__value')].filter(v => v.textContent);"
            + "return values.length === arguments[0] ? Math.round(performance.now()) : null;", TILES));
    return ((Number) at).longValue();
  }

  /** Milliseconds from navigation start until every tile's sparkline is drawn. */
  private static long sparklines(Browser browser) {
    Object at = browser.await(Duration.ofSeconds(60), "200 sparklines", d -> browser.js(
        "const drawn = [...document.querySelectorAll('.kpi-tile .sparkline')].filter(s => !s.hidden);"
            + "return drawn.length === arguments[0] ? Math.round(performance.now()) : null;", TILES));
    return ((Number) at).longValue();
  }

  /**
   * Posts a change of every series 10 times a second (up to 4 requests in flight; a tick that
   * finds 4 still waiting is skipped and counted) and reads the page's main-thread time.
   */
  private static void updates(Browser browser, WebClient client) throws InterruptedException {
    browser.await(Duration.ofSeconds(30), "live", d -> "live".equals(browser.js(
        "return document.querySelector('[data-status-pill]').dataset.status")));
    browser.driver.executeCdpCommand("Performance.enable", Map.of());
    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long period = 1000 / CHANGES_PER_SECOND;
    AtomicInteger inFlight = new AtomicInteger();
    AtomicLong written = new AtomicLong();
    long skipped = 0;
    Map<String, Double> before = null;
    long writtenBefore = 0;
    long start = System.nanoTime();
    long warmUpTicks = 3L * CHANGES_PER_SECOND;
    for (long tick = 0; tick < warmUpTicks + (long) MEASURE_SECONDS * CHANGES_PER_SECOND; tick++) {
      if (tick == warmUpTicks) {
        before = metrics(browser);
        if (PageProfile.wanted()) {
          PageProfile.start(browser);
        }
        writtenBefore = written.get();
        skipped = 0;
      }
      if (inFlight.get() < 4) {
        inFlight.incrementAndGet();
        post(client, tick, base.plusMillis(tick * period)).onComplete(ar -> {
          inFlight.decrementAndGet();
          if (ar.succeeded() && ar.result().statusCode() == 200) {
            written.addAndGet(TILES);
          }
        });
      } else {
        skipped++;
      }
      long wait = start + (tick + 1) * period * 1_000_000L - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
      }
    }
    Map<String, Double> after = metrics(browser);
    if (PageProfile.wanted()) {
      PageProfile.stop(browser, "the updates");
    }
    double seconds = after.get("Timestamp") - before.get("Timestamp");
    System.out.printf("updates: %d series, %.0f changes/s written (%.1f per series; %d ticks skipped) for %.1f s%n",
        TILES, (written.get() - writtenBefore) / seconds, (written.get() - writtenBefore) / seconds / TILES, skipped,
        seconds);
    for (String name : List.of("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")) {
      System.out.printf("  %-20s %6.1f %% of one core%n", name, 100 * (after.get(name) - before.get(name)) / seconds);
    }
    for (String name : List.of("LayoutCount", "RecalcStyleCount")) {
      System.out.printf("  %-20s %6.1f per second%n", name, (after.get(name) - before.get(name)) / seconds);
    }
    System.out.printf("  %-20s %6.1f MB%n", "JSHeapUsedSize", after.get("JSHeapUsedSize") / 1e6);
  }

  private static io.vertx.core.Future<HttpResponse<Buffer>> post(WebClient client, long tick, Instant ts) {
    JsonArray points = new JsonArray();
    for (int m = 0; m < METRICS; m++) {
      for (int r = 0; r < REGIONS; r++) {
        points.add(point(metric(m), region(r), ts, 2000 + tick % 100 + r));
      }
    }
    return client.request(HttpMethod.POST, "/api/v1/points").putHeader("Authorization", ADMIN)
        .putHeader("Content-Type", "application/json").sendBuffer(new JsonObject().put("points", points).toBuffer());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Double> metrics(Browser browser) {
    Map<String, Object> answer = browser.driver.executeCdpCommand("Performance.getMetrics", Map.of());
    Map<String, Double> out = new java.util.HashMap<>();
    for (Map<String, Object> metric : (List<Map<String, Object>>) answer.get("metrics")) {
      out.put((String) metric.get("name"), ((Number) metric.get("value")).doubleValue());
    }
    return out;
  }
}
