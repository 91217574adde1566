package io.pulseboard.bench;

import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WebSocket fan-out load: N clients subscribe; a publisher posts one point at a time at a fixed
 * rate through {@code POST /api/v1/points}; every client measures arrival minus the send time the
 * point carries as its value. The same cases run against {@link RawBroadcastServer} (no storage)
 * as the reference (one event loop per core, as Pulseboard). Each server runs in its own JVM, started per case, so
 * its RSS per connection can be read from /proc.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.pulseboard.bench.FanOutBench [-Dexec.args="clients:rate ..."]}, e.g.
 * {@code -Dexec.args="1000:10 1000:20 2000:20 5000:10 10000:10 2000:50"} (the default). Each server first takes
 * 20 000 publishes with no client connected (Pulseboard's for a series of their own), so that its publish path is
 * compiled as in a server that has run for a while; each case then publishes for
 * {@code bench.seconds} (default 20) seconds, after a warm-up of {@code bench.warmup} (default 15) seconds that is
 * not measured. {@code -Dbench.coalesce=0,50} runs Pulseboard once per {@code PULSEBOARD_WS_COALESCE_MS} value.
 */
public final class FanOutBench {
  private static final long SECONDS = Long.getLong("bench.seconds", 20);
  /** {@code PULSEBOARD_WS_COALESCE_MS} values to run Pulseboard with, comma-separated; unset: its default. */
  private static final String COALESCE = System.getProperty("bench.coalesce", "");
  private static final long WARM_UP_SECONDS = Long.getLong("bench.warmup", 15);
  private static final long SETTLE_MS = 3000;
  /** Publishes each server takes before its clients connect, to compile its publish path. */
  private static final long WARM_PUBLISHES = 20_000;
  private static final AtomicLong TICK = new AtomicLong();

  private FanOutBench() {}

  public static void main(String[] args) throws Exception {
    List<String> cases = args.length == 0 ? List.of("1000:10", "1000:20", "2000:20", "5000:10", "10000:10", "2000:50") : List.of(args);
    Vertx vertx = Vertx.vertx();
    System.out.printf("%-14s %7s %6s %9s %7s %7s %7s %8s %9s %9s %8s %8s%n", "server", "clients", "pts/s",
        "msgs/s", "p50 ms", "p99 ms", "max ms", "missing", "RSS KiB/c", "heap KiB/c", "srv CPU", "connect");
    for (String c : cases) {
      int clients = Integer.parseInt(c.split(":")[0]);
      int rate = Integer.parseInt(c.split(":")[1]);
      for (String coalesce : COALESCE.isBlank() ? new String[] {""} : COALESCE.split(",")) {
        run(vertx, "pulseboard", coalesce.trim(), clients, rate);
      }
      run(vertx, "raw", "", clients, rate);
    }
    vertx.close().await();
    System.exit(0);
  }

  private static void run(Vertx vertx, String kind, String coalesce, int clients, int rate) throws Exception {
    boolean pulseboard = kind.equals("pulseboard");
    String label = coalesce.isEmpty() ? kind : kind + "/" + coalesce;
    Path log = Files.createTempFile("fanout-" + kind, ".log");
    try (ServerProcess server = pulseboard
        ? ServerProcess.pulseboard(TestDatabase.create(), pulseboardSettings(coalesce), log)
        : ServerProcess.start(RawBroadcastServer.class.getName(), Map.of(), List.of("{port}"), log);
        BenchClients bench = new BenchClients(clients)) {
      // The publish path (for Pulseboard the write: validation, the database call, the feed) runs
      // once per point, a few hundred times in the warm-up at these rates: first, as a server that
      // has run for a while, each server takes many publishes while no client is connected.
      warmPublishes(vertx, server.port(), pulseboard);
      Thread.sleep(SETTLE_MS);
      // Both resident sizes are read a while after a full collection: G1 gives the memory it no
      // longer needs back to the system in the background after one, so a size read at once could
      // be larger than one read later with every client connected.
      long heapBefore = server.heapAfterGcKib();
      Thread.sleep(SETTLE_MS);
      long rssBefore = server.rssKib();
      long connectStart = System.nanoTime();
      bench.connect(server.port(), clients, pulseboard);
      double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
      Thread.sleep(SETTLE_MS);
      double heapPerConnection = (server.heapAfterGcKib() - heapBefore) / (double) clients;
      Thread.sleep(SETTLE_MS);
      double rssPerConnection = (server.rssKib() - rssBefore) / (double) clients;
      // Warm up the JIT of both JVMs on the publish path, then measure from zero.
      publish(vertx, server.port(), pulseboard, rate, WARM_UP_SECONDS);
      Thread.sleep(SETTLE_MS);
      bench.reset();
      double cpuBefore = server.cpuSeconds();
      long published = publish(vertx, server.port(), pulseboard, rate, SECONDS);
      Thread.sleep(SETTLE_MS);
      // Share of one core the server used while publishing and draining.
      double cpu = (server.cpuSeconds() - cpuBefore) / (SECONDS + 0.5 + SETTLE_MS / 1000.0);
      System.out.printf("%-14s %7d %6d %9.0f %7.1f %7.1f %7.1f %8d %9.1f %9.1f %7.0f%% %7.1fs%n", label, clients, rate,
          bench.received() / (double) SECONDS, bench.latencyQuantile(0.5), bench.latencyQuantile(0.99),
          bench.maxLatency(), bench.missing(published), rssPerConnection, heapPerConnection, cpu * 100,
          connectSeconds);
    }
  }

  private static Map<String, String> pulseboardSettings(String coalesce) {
    return coalesce.isEmpty() ? Map.of("PULSEBOARD_WS_MAX_CONNECTIONS", "20000")
        : Map.of("PULSEBOARD_WS_MAX_CONNECTIONS", "20000", "PULSEBOARD_WS_COALESCE_MS", coalesce);
  }

  /** Posts {@link #WARM_PUBLISHES} one-point publishes, 16 at a time (Pulseboard's for a region of their own). */
  private static void warmPublishes(Vertx vertx, int port, boolean pulseboard) {
    WebClient web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    List<Buffer> bodies = new ArrayList<>();
    for (long n = 0; n < WARM_PUBLISHES; n++) {
      bodies.add(Buffer.buffer(body(pulseboard, "warm-up", n, 1)));
    }
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> workers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Promise<Void> done = Promise.promise();
      vertx.runOnContext(v -> IngestBench.sendNext(web, path(pulseboard), bodies, next, done));
      workers.add(done.future());
    }
    Future.all(workers).await();
    web.close();
  }

  /** The body that publishes point {@code n} of a region with this value: its time is {@code n} seconds after 2030. */
  private static String body(boolean pulseboard, String region, long n, long value) {
    return pulseboard
        ? "{\"points\":[{\"metric\":\"weekly_users\",\"labels\":{\"region\":\"" + region + "\"},\"ts\":\""
            + Instant.parse("2030-01-01T00:00:00Z").plusSeconds(n) + "\",\"value\":" + value + "}]}"
        : "{\"op\":\"update\",\"seq\":" + n + ",\"items\":[{\"seq\":" + n + ",\"value\":" + value + "}]}";
  }

  private static String path(boolean pulseboard) {
    return pulseboard ? "/api/v1/points" : "/publish";
  }

  /** Posts one point per tick for the configured time; returns how many were accepted. */
  private static long publish(Vertx vertx, int port, boolean pulseboard, int rate, long seconds)
      throws InterruptedException {
    WebClient web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    AtomicLong accepted = new AtomicLong();
    long timer = vertx.setPeriodic(1000 / rate, id -> {
      long n = TICK.incrementAndGet();
      long now = BenchClients.nowMicros();
      web.request(HttpMethod.POST, path(pulseboard))
          .putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN)
          .putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer(body(pulseboard, "bench", n, now)))
          .onSuccess(r -> {
            if (r.statusCode() == 200) {
              accepted.incrementAndGet();
            }
          });
    });
    Thread.sleep(seconds * 1000);
    vertx.cancelTimer(timer);
    Thread.sleep(500);
    web.close();
    return accepted.get();
  }
}
