package io.pulseboard.bench;

import io.pulseboard.Http;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.pulseboard.db.Database;
import io.pulseboard.db.PointInput;
import io.pulseboard.db.PointRepository;
import io.pulseboard.telemetry.Exposition;
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
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;

/**
 * Ingest throughput through {@code POST /api/v1/points} with batches of 1, 100 and 1000 points
 * (4 requests in flight, and 16 for batches of 1: many small producers), and, in the same run,
 * {@code COPY} of the same number of rows into the same table; for each case, the CPU time a point
 * cost the server and PostgreSQL's backends. The server runs in its own JVM; the client, and the
 * case that writes through the repository without HTTP, run in the bench's.
 * Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.pulseboard.bench.IngestBench}. Uses PULSEBOARD_TEST_DATABASE_URL's
 * server when set, else an embedded PostgreSQL. {@code -Dbench.warmups=N} runs every case N times
 * unmeasured first (default 1); {@code -Dbench.rounds=N} measures batches of 100 and 1000 against
 * {@code COPY} in N rounds (default 3), each round's ratios against its own {@code COPY}; after each
 * {@code COPY} it waits for the server's change feed to publish the rows it wrote.
 */
public final class IngestBench {
  private static final int CONCURRENCY = 4;
  /** Requests in flight for the one-point case of many small producers. */
  private static final int MANY = 16;
  private static final String METRIC = """
      {"name":"Bench","unit":"events","labels":["region"],"cadence":"PT1S","display":"number"}""";
  private static final AtomicInteger TICK = new AtomicInteger();

  /** The server under test, in its own JVM: the bench's client and the repository case run in this one. */
  private static ServerProcess server;
  /** The bench database's name, whose backends' CPU time is counted. */
  private static String database;

  private IngestBench() {}

  /** CPU time used so far by the server process and by the database's backends, in seconds. */
  private record Cpu(double serverSeconds, double databaseSeconds) {
    static Cpu now() throws IOException {
      return new Cpu(IngestBench.server.cpuSeconds(), BackendCpu.ticks(IngestBench.database) / 100.0);
    }
  }

  /**
   * Prints a case's throughput and the CPU time per point it cost the server and PostgreSQL's
   * backends since {@code before}: on a shared machine the time a point costs says more than the
   * points a second, which follow what else runs.
   */
  private static void report(String label, int total, double seconds, Cpu before) throws IOException {
    Cpu after = Cpu.now();
    System.out.printf("%-34s %10d %10.2f %12.0f %14.1f %14.1f%n", label, total, seconds, total / seconds,
        (after.serverSeconds() - before.serverSeconds()) * 1e6 / total,
        (after.databaseSeconds() - before.databaseSeconds()) * 1e6 / total);
  }

  public static void main(String[] args) throws Exception {
    String db = TestDatabase.create();
    database = BackendCpu.database(db);
    server = ServerProcess.pulseboard(db, Map.of("PULSEBOARD_SEED", "false"),
        Files.createTempFile("ingest-server", ".log"));
    Vertx vertx = Vertx.vertx();
    Pool pool = Database.pool(vertx, Database.connectOptions(db));
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(server.port()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(MANY));
    client.request(HttpMethod.PUT, "/api/v1/metrics/bench").putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(METRIC)).await();
    // Every case once unmeasured first (bench.warmups times): the server's code is compiled by
    // then, as in a server that has run for a while, and COPY (all in PostgreSQL) has nothing to
    // warm up. After one round the JIT still compiles while batches of 1000 are measured.
    int warmUps = Integer.getInteger("bench.warmups", 1);
    for (int round = 0; round < warmUps; round++) {
      // First: the change feed reads back what the repository writes, while the cases after it run.
      direct(pool, 1000, 300_000, true);
      run(client, 1, 10_000, true, CONCURRENCY);
      run(client, 1, 30_000, true, MANY);
      run(client, 100, 100_000, true, CONCURRENCY);
      run(client, 1000, 300_000, true, CONCURRENCY);
    }
    System.out.printf("%-34s %10s %10s %12s %14s %14s%n", "case", "points", "seconds", "points/s", "server us/pt",
        "database us/pt");
    run(client, 1, 10_000, false, CONCURRENCY);
    run(client, 1, 30_000, false, MANY);
    // Batches against COPY in rounds, each round's batches next to its COPY: COPY's time varies
    // with the disk's flushes from minute to minute, so each ratio is taken within its round and
    // the median of the rounds' ratios is reported.
    int rounds = Integer.getInteger("bench.rounds", 3);
    double[] hundreds = new double[rounds];
    double[] thousands = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      double copy = copy(db, 300_000, round);
      caughtUp(vertx, client);
      hundreds[round] = run(client, 100, 100_000, false, CONCURRENCY) / copy;
      thousands[round] = run(client, 1000, 300_000, false, CONCURRENCY) / copy;
    }
    System.out.printf("batches of 100 / COPY, each round   %s (median %.2f)%n", ratios(hundreds), median(hundreds));
    System.out.printf("batches of 1000 / COPY, each round  %s (median %.2f)%n", ratios(thousands), median(thousands));
    direct(pool, 1000, 300_000, false);
    client.close();
    vertx.close().await();
    server.close();
    System.exit(0);
  }

  private static String ratios(double[] values) {
    StringBuilder text = new StringBuilder();
    for (double v : values) {
      text.append(String.format("%.2f ", v));
    }
    return text.toString().trim();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Posts {@code total} points in batches, {@code inFlight} requests at a time; the points written a second. */
  private static double run(WebClient client, int batchSize, int total, boolean warmUp, int inFlight)
      throws IOException {
    List<Buffer> bodies = new ArrayList<>();
    for (int i = 0; i < total / batchSize; i++) {
      bodies.add(body(batchSize));
    }
    Cpu cpu = Cpu.now();
    long start = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> workers = new ArrayList<>();
    for (int w = 0; w < inFlight; w++) {
      workers.add(worker(client, bodies, next));
    }
    Future.all(workers).await();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!warmUp) {
      report("POST, batches of " + batchSize + ", " + inFlight + " in flight", total, seconds, cpu);
    }
    return total / seconds;
  }

  private static Future<Void> worker(WebClient client, List<Buffer> bodies, AtomicInteger next) {
    Promise<Void> done = Promise.promise();
    sendNext(client, bodies, next, done);
    return done.future();
  }

  /**
   * Posts the bodies from {@code next} on, one after another, as admin; {@code done} completes
   * after the last is answered 200, or fails with the first other answer. Several of these run
   * at once to keep several requests in flight (AlertIngestBench sends its batches this way too).
   */
  static void sendNext(WebClient client, List<Buffer> bodies, AtomicInteger next, Promise<Void> done) {
    sendNext(client, "/api/v1/points", bodies, next, done);
  }

  /** As {@link #sendNext(WebClient, List, AtomicInteger, Promise)}, to another path (a reference server's). */
  static void sendNext(WebClient client, String path, List<Buffer> bodies, AtomicInteger next, Promise<Void> done) {
    int i = next.getAndIncrement();
    if (i >= bodies.size()) {
      done.complete();
      return;
    }
    client.request(HttpMethod.POST, path).putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN)
        .putHeader("Content-Type", "application/json").sendBuffer(bodies.get(i))
        .onSuccess(r -> {
          if (r.statusCode() != 200) {
            done.fail("status " + r.statusCode() + ": " + r.bodyAsString());
          } else {
            sendNext(client, path, bodies, next, done);
          }
        })
        .onFailure(done::fail);
  }

  private static Buffer body(int size) {
    JsonArray points = new JsonArray();
    for (int i = 0; i < size; i++) {
      points.add(new JsonObject().put("metric", "bench").put("labels", new JsonObject().put("region", "kr"))
          .put("ts", Instant.ofEpochSecond(1_600_000_000L + TICK.getAndIncrement()).toString())
          .put("value", i).put("source", "bench"));
    }
    return new JsonObject().put("points", points).toBuffer();
  }

  /** The same batches written through the repository, without HTTP, JSON or validation. */
  private static void direct(Pool pool, int batchSize, int total, boolean warmUp) throws IOException {
    PointRepository repo = new PointRepository(pool);
    List<List<PointInput>> batches = new ArrayList<>();
    for (int b = 0; b < total / batchSize; b++) {
      List<PointInput> batch = new ArrayList<>();
      for (int i = 0; i < batchSize; i++) {
        batch.add(new PointInput("bench", Map.of("region", "kr"),
            OffsetDateTime.ofInstant(Instant.ofEpochSecond(1_500_000_000L + TICK.getAndIncrement()), ZoneOffset.UTC),
            i, "bench"));
      }
      batches.add(batch);
    }
    Cpu cpu = Cpu.now();
    long start = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> workers = new ArrayList<>();
    for (int w = 0; w < CONCURRENCY; w++) {
      workers.add(directWorker(repo, batches, next));
    }
    Future.all(workers).await();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!warmUp) {
      report("repository, batches of " + batchSize, total, seconds, cpu);
    }
  }

  private static Future<Void> directWorker(PointRepository repo, List<List<PointInput>> batches, AtomicInteger next) {
    int i = next.getAndIncrement();
    if (i >= batches.size()) {
      return Future.succeededFuture();
    }
    return repo.write(batches.get(i)).compose(r -> directWorker(repo, batches, next));
  }

  /**
   * Waits until the server's change feed has published the rows {@code COPY} wrote: they are changes
   * like any other, with seqs before the next write's, and without this wait the next case paid for
   * the feed reading 300 000 of them back (a tenth of its server's CPU and more of PostgreSQL's).
   * A one-point write past them makes the feed read them; its lag is then 0 once it has.
   */
  private static void caughtUp(Vertx vertx, WebClient client) throws Exception {
    run(client, 1, 1, true, 1);
    Thread.sleep(500);
    try (Http http = new Http(vertx, server.port())) {
      Exposition.awaitScrape(http, Duration.ofSeconds(120), e -> e.value("pulseboard_feed_lag").orElse(1) == 0);
    }
  }

  /** COPY of as many rows (series, ts, value, source, seq) straight into the points table; rows a second. */
  private static double copy(String db, int total, int round) throws Exception {
    try (Connection c = TestDatabase.connect(db)) {
      long series = TestDatabase.queryLong(db, "SELECT id FROM series WHERE metric_id = 'bench' LIMIT 1");
      long firstSeq = TestDatabase.queryLong(db, "SELECT setval('change_seq', nextval('change_seq') + " + total + ")")
          - total;
      StringBuilder rows = new StringBuilder();
      long base = 1_700_000_000L + round * (long) total;
      for (int i = 0; i < total; i++) {
        rows.append(series).append('\t').append(Instant.ofEpochSecond(base + i)).append('\t').append(i)
            .append("\tbench\t").append(firstSeq + i).append('\n');
      }
      String data = rows.toString();
      // Taken while this connection's backend lives: an ended backend's time is not counted.
      Cpu cpu = Cpu.now();
      long start = System.nanoTime();
      ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI().copyIn(
          "COPY points (series_id, ts, value, source, seq) FROM STDIN", new StringReader(data));
      double seconds = (System.nanoTime() - start) / 1e9;
      report("COPY into points", total, seconds, cpu);
      return total / seconds;
    }
  }
}
