package io.pulseboard.bench;

import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether alert evaluation slows ingest: batches of 1000 points (one per series of 1000 series)
 * through {@code POST /api/v1/points}, alternately into a metric without rules and into one whose
 * 1000 series each have a threshold rule (1000 rules; they do not fire, so every batch is
 * evaluated in full), on one instance in one run. Run: {@code ./mvnw -q test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.pulseboard.bench.AlertIngestBench}.
 */
public final class AlertIngestBench {
  private static final int CONCURRENCY = 4;
  private static final int SERIES = 1000;
  private static final int BATCHES = 60;
  private static final int ROUNDS = 3;
  private static final AtomicInteger TICK = new AtomicInteger();

  private AlertIngestBench() {}

  public static void main(String[] args) throws Exception {
    Pulseboard app = TestApp.start(TestDatabase.create(), Map.of("PULSEBOARD_SEED", "false"));
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(app.port()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(CONCURRENCY));
    for (String metric : List.of("bench_plain", "bench_ruled")) {
      send(client, HttpMethod.PUT, "/api/v1/metrics/" + metric, new JsonObject().put("name", metric).put("unit", "x")
          .put("labels", new JsonArray().add("region")).put("cadence", "P1D").put("display", "number"));
    }
    for (int i = 0; i < SERIES; i++) {
      send(client, HttpMethod.POST, "/api/v1/alert-rules", new JsonObject().put("name", "bench " + i)
          .put("metric", "bench_ruled").put("labels", new JsonObject().put("region", "r" + i))
          .put("kind", "threshold").put("above", 1e12));
    }
    run(client, "bench_plain", 10, true);
    run(client, "bench_ruled", 10, true);
    Thread.sleep(2000);
    double plain = 0;
    double ruled = 0;
    System.out.printf("%-40s %10s %10s %12s%n", "case", "points", "seconds", "points/s");
    for (int round = 0; round < ROUNDS; round++) {
      plain += run(client, "bench_plain", BATCHES, false);
      ruled += run(client, "bench_ruled", BATCHES, false);
    }
    System.out.printf("rules/none throughput: %.3f%n", ruled / plain);
    client.close();
    vertx.close().await();
    app.close();
    System.exit(0);
  }

  private static void send(WebClient client, HttpMethod method, String path, JsonObject body) {
    int status = client.request(method, path).putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN)
        .putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer()).await().statusCode();
    if (status >= 300) {
      throw new IllegalStateException(method + " " + path + ": " + status);
    }
  }

  /** Sends the batches with {@link #CONCURRENCY} in flight; answers points per second. */
  private static double run(WebClient client, String metric, int batches, boolean warmUp) {
    List<Buffer> bodies = new ArrayList<>();
    for (int i = 0; i < batches; i++) {
      bodies.add(body(metric));
    }
    long start = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> workers = new ArrayList<>();
    for (int w = 0; w < CONCURRENCY; w++) {
      Promise<Void> done = Promise.promise();
      IngestBench.sendNext(client, bodies, next, done);
      workers.add(done.future());
    }
    Future.all(workers).await();
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = batches * (double) SERIES / seconds;
    if (!warmUp) {
      System.out.printf("%-40s %10d %10.2f %12.0f%n", metric + (metric.endsWith("ruled") ? " (1000 rules)" : " (no rules)"),
          batches * SERIES, seconds, rate);
    }
    return rate;
  }

  /** One point for each series, all at a new time. */
  private static Buffer body(String metric) {
    JsonArray points = new JsonArray();
    String ts = Instant.ofEpochSecond(1_600_000_000L + TICK.getAndIncrement() * 60L).toString();
    for (int i = 0; i < SERIES; i++) {
      points.add(new JsonObject().put("metric", metric).put("labels", new JsonObject().put("region", "r" + i))
          .put("ts", ts).put("value", i).put("source", "bench"));
    }
    return new JsonObject().put("points", points).toBuffer();
  }
}
