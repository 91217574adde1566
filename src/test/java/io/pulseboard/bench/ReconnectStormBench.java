package io.pulseboard.bench;

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
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;

/**
 * A reconnect storm: an instance restarts and all its clients come back at once with
 * {@code since}. A first server writes {@code bench.changes} (default 5 000) changes spread over
 * {@code bench.series} (default 50) series after the seq the clients last saw, and stops; a
 * freshly started server then takes {@code bench.clients} (default 10 000) clients opened within
 * one second, each subscribing to one series with that {@code since}. Measured: the time until
 * every client has its catch-up (and is live), the transactions the database counted meanwhile
 * (each query of the server is one; an idle interval as long is measured before, for the
 * server's own polling), the server's peak resident memory and its Java heap after the storm.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.pulseboard.bench.ReconnectStormBench} (with {@code ulimit -n 20000}).
 */
public final class ReconnectStormBench {
  private static final int CLIENTS = Integer.getInteger("bench.clients", 10_000);
  private static final int CHANGES = Integer.getInteger("bench.changes", 5_000);
  private static final int SERIES = Integer.getInteger("bench.series", 50);
  /** A backend's statistics reach pg_stat_database within about 10 s of its going idle. */
  private static final long STATS_LAG_MS = 11_000;

  private ReconnectStormBench() {}

  public static void main(String[] args) throws Exception {
    String db = TestDatabase.create();
    Map<String, String> settings = Map.of("PULSEBOARD_WS_MAX_CONNECTIONS", "20000");
    Vertx vertx = Vertx.vertx();
    long since;
    try (ServerProcess first = ServerProcess.pulseboard(db, settings,
        Files.createTempFile("storm-first", ".log"))) {
      WebClient web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(first.port()));
      since = post(web, 0, 1).getLong("seq");
      for (int written = 0; written < CHANGES; written += 1000) {
        post(web, written + 1, Math.min(1000, CHANGES - written));
      }
      web.close();
    }
    try (ServerProcess server = ServerProcess.pulseboard(db, settings,
        Files.createTempFile("storm-second", ".log"));
        BenchClients clients = new BenchClients(CLIENTS)) {
      Thread.sleep(STATS_LAG_MS);
      long idleStart = transactions(db);
      long idleNanos = System.nanoTime();
      Thread.sleep(STATS_LAG_MS);
      long idle = transactions(db) - idleStart;
      double idleSeconds = (System.nanoTime() - idleNanos) / 1e9;
      long expected = CHANGES / SERIES;
      clients.subscribeWith(i -> new JsonObject().put("op", "subscribe").put("metrics", new JsonArray().add("weekly_users"))
          .put("labels", new JsonObject().put("region", region(i % SERIES))).put("since", since).encode());
      long before = transactions(db);
      long start = System.nanoTime();
      clients.connectPaced(server.port(), CLIENTS, CLIENTS);
      double opened = (System.nanoTime() - start) / 1e9;
      long peakRss = server.rssKib();
      while (clients.clientsWithAtLeast(expected) < CLIENTS && System.nanoTime() - start < 600e9) {
        Thread.sleep(20);
        peakRss = Math.max(peakRss, server.rssKib());
      }
      double caughtUp = (System.nanoTime() - start) / 1e9;
      Thread.sleep(STATS_LAG_MS);
      long storm = transactions(db) - before;
      double stormSeconds = (System.nanoTime() - start) / 1e9;
      long heapAfter = server.heapAfterGcKib();
      System.out.printf("clients %d, changes %d over %d series (%d items per client), since %d%n", CLIENTS, CHANGES,
          SERIES, expected, since);
      System.out.printf("opened in %.2f s; every client caught up after %.2f s (%d of %d)%n", opened, caughtUp,
          clients.clientsWithAtLeast(expected), CLIENTS);
      System.out.printf("database transactions: %d in the %.1f s from the first client on, %d in %.1f s idle before:"
          + " %.0f for the storm%n", storm, stormSeconds, idle, idleSeconds, storm - idle * stormSeconds / idleSeconds);
      System.out.printf("server peak RSS %d MiB; heap after GC with every client live %d MiB%n", peakRss / 1024,
          heapAfter / 1024);
    }
    vertx.close().await();
    System.exit(0);
  }

  private static String region(int i) {
    return String.format("storm-%02d", i);
  }

  /** Writes {@code n} changes, one per series in turn, after {@code offset}; answers the response. */
  private static JsonObject post(WebClient web, int offset, int n) {
    JsonArray points = new JsonArray();
    for (int i = 0; i < n; i++) {
      int k = offset + i;
      points.add(new JsonObject().put("metric", "weekly_users")
          .put("labels", new JsonObject().put("region", k == 0 ? "start" : region((k - 1) % SERIES)))
          .put("ts", Instant.parse("2030-01-01T00:00:00Z").plusSeconds(k).toString()).put("value", k));
    }
    HttpResponse<Buffer> r = web.request(HttpMethod.POST, "/api/v1/points")
        .putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN).putHeader("Content-Type", "application/json")
        .sendBuffer(new JsonObject().put("points", points).toBuffer()).await();
    if (r.statusCode() != 200) {
      throw new IllegalStateException(r.statusCode() + ": " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  /** Transactions committed and rolled back in the database so far (the statistics lag by up to a second). */
  private static long transactions(String db) {
    String name = db.substring(db.lastIndexOf('/') + 1);
    return TestDatabase.queryLong(db, "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '"
        + name + "'");
  }
}
