package io.pulseboard.bench;

import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one more instance costs PostgreSQL: 1, 2, 3, 2 and 1 instances on one database while a writer
 * sends 1 000 changes a second to the first (as 100 requests of 10 points, then as 1 000
 * one-point requests), measuring over 20 s the CPU time of the PostgreSQL backends connected to
 * its database (from {@code /proc}, so the machine's other work does not count; the server's
 * shared background processes are not counted), the database's transactions and its connections. Needs the machine's PostgreSQL ({@code PULSEBOARD_TEST_DATABASE_URL}) on this
 * host and Linux. Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.pulseboard.bench.InstanceCostBench}.
 */
public final class InstanceCostBench {
  private static final int CHANGES_PER_SECOND = 1000;
  private static final int SERIES = 50;
  private static final int WARMUP_SECONDS = 5;
  private static final int MEASURE_SECONDS = 20;
  private static final long TICKS_PER_SECOND = 100;

  private InstanceCostBench() {}

  public static void main(String[] args) throws Exception {
    if (System.getenv(TestDatabase.ENV) == null) {
      throw new IllegalStateException("set " + TestDatabase.ENV + " to the machine's PostgreSQL: its processes are measured");
    }
    String db = TestDatabase.create();
    String name = BackendCpu.database(db);
    List<Pulseboard> instances = new ArrayList<>();
    Vertx vertx = Vertx.vertx();
    try {
      instances.add(TestApp.start(db, Map.of("PULSEBOARD_SEED", "false")));
      WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(instances.get(0).port()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(32));
      define(client);
      System.out.printf("%-9s %-22s %10s %12s %10s %12s%n", "instances", "writes", "changes/s", "pg CPU %core",
          "xacts/s", "connections");
      // Up and down again: the first cases also warm the JIT and the server's caches, so each
      // count is measured on the way up and on the way down.
      for (int count : new int[] {1, 2, 3, 2, 1}) {
        while (instances.size() < count) {
          instances.add(TestApp.start(db, Map.of("PULSEBOARD_SEED", "false")));
        }
        while (instances.size() > count) {
          instances.remove(instances.size() - 1).close();
        }
        measure(client, db, name, count, 10);
        measure(client, db, name, count, 1);
      }
      client.close();
    } finally {
      for (Pulseboard instance : instances) {
        instance.close();
      }
      vertx.close().await();
    }
    System.exit(0);
  }

  private static void define(WebClient client) {
    HttpResponse<Buffer> r = client.request(HttpMethod.PUT, "/api/v1/metrics/cost")
        .putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("""
            {"name":"Cost","unit":"events","labels":["region"],"cadence":"PT1S","display":"number"}""")).await();
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(r.bodyAsString());
    }
  }

  /** Writes 1 000 changes a second in requests of {@code perRequest} points and prints the costs. */
  private static void measure(WebClient client, String db, String name, int count, int perRequest)
      throws InterruptedException, IOException {
    int requestsPerSecond = CHANGES_PER_SECOND / perRequest;
    long periodNanos = 1_000_000_000L / requestsPerSecond;
    AtomicLong written = new AtomicLong();
    AtomicInteger inFlight = new AtomicInteger();
    long start = System.nanoTime();
    long ticks = (long) (WARMUP_SECONDS + MEASURE_SECONDS) * requestsPerSecond;
    long cpuBefore = 0;
    long xactsBefore = 0;
    long writtenBefore = 0;
    long measureStart = 0;
    for (long tick = 0; tick < ticks; tick++) {
      if (tick == (long) WARMUP_SECONDS * requestsPerSecond) {
        cpuBefore = BackendCpu.ticks(name);
        xactsBefore = xacts(db, name);
        writtenBefore = written.get();
        measureStart = System.nanoTime();
      }
      if (inFlight.get() < 64) {
        inFlight.incrementAndGet();
        post(client, tick, perRequest).onComplete(ar -> {
          inFlight.decrementAndGet();
          if (ar.succeeded() && ar.result().statusCode() == 200) {
            written.addAndGet(perRequest);
          }
        });
      }
      long wait = start + (tick + 1) * periodNanos - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
      }
    }
    double seconds = (System.nanoTime() - measureStart) / 1e9;
    long cpu = BackendCpu.ticks(name) - cpuBefore;
    long xacts = xacts(db, name) - xactsBefore;
    long connections = TestDatabase.queryLong(db, "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + name + "'");
    System.out.printf("%-9d %-22s %10.0f %12.1f %10.0f %12d%n", count, requestsPerSecond + " x " + perRequest + " points",
        (written.get() - writtenBefore) / seconds, 100.0 * cpu / TICKS_PER_SECOND / seconds, xacts / seconds, connections);
    Thread.sleep(2000);
  }

  private static Future<HttpResponse<Buffer>> post(WebClient client, long tick, int perRequest) {
    JsonArray points = new JsonArray();
    Instant ts = Instant.ofEpochSecond(1_700_000_000L + tick);
    for (int i = 0; i < perRequest; i++) {
      points.add(new JsonObject().put("metric", "cost")
          .put("labels", new JsonObject().put("region", "r" + ((tick * perRequest + i) % SERIES)))
          .put("ts", ts.toString()).put("value", tick + i));
    }
    return client.request(HttpMethod.POST, "/api/v1/points").putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN)
        .putHeader("Content-Type", "application/json").sendBuffer(new JsonObject().put("points", points).toBuffer());
  }

  private static long xacts(String db, String name) {
    return TestDatabase.queryLong(db, "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '"
        + name + "'");
  }
}
