package io.pulseboard.bench;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast the notifications outbox drains: 10 000 notifications, written straight into the
 * table as the alert engine writes them, delivered by one instance to a receiver on this host
 * that answers 204 at once; timed from the insert's commit to the last row marked delivered.
 * Twice: 10 000 series of one transition each (as parallel as the sender allows), and 100 series
 * of 100 transitions (each series strictly in order, so at most 100 in flight). Not a test; run
 * it by hand:
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.pulseboard.bench.OutboxDrainBench</pre>
 *
 * With {@code PULSEBOARD_TEST_DATABASE_URL} set it uses that PostgreSQL, else an embedded one.
 */
public final class OutboxDrainBench {
  private static final int NOTIFICATIONS = 10_000;
  private static final Map<String, String> ENV = Map.of("PULSEBOARD_SEED", "false",
      "PULSEBOARD_WEBHOOK_ALLOW_PRIVATE", "true");

  private OutboxDrainBench() {}

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    AtomicLong received = new AtomicLong();
    HttpServer receiver = vertx.createHttpServer()
        .requestHandler(r -> r.body().onSuccess(b -> {
          received.incrementAndGet();
          r.response().setStatusCode(204).end();
        }))
        .listen(0, "127.0.0.1").await();
    String url = "http://127.0.0.1:" + receiver.actualPort() + "/hook";
    try {
      run(vertx, url, received, NOTIFICATIONS, 1);
      run(vertx, url, received, 100, NOTIFICATIONS / 100);
    } finally {
      vertx.close().await();
      System.exit(0);
    }
  }

  private static void run(Vertx vertx, String url, AtomicLong received, int series, int transitions)
      throws Exception {
    String db = TestDatabase.create();
    try (Pulseboard app = TestApp.start(db, ENV); Http http = new Http(vertx, app.port())) {
      long channel = channel(http, url);
      long before = received.get();
      long start = System.nanoTime();
      TestDatabase.execute(db, "INSERT INTO notifications (channel_id, rule_id, series_key, transition_seq, state, body)"
          + " SELECT " + channel + ", 1, 's' || s, t, CASE WHEN t % 2 = 1 THEN 'firing' ELSE 'resolved' END,"
          + " jsonb_build_object('state', CASE WHEN t % 2 = 1 THEN 'firing' ELSE 'resolved' END, 'series', 's' || s,"
          + " 'transition', t, 'summary', 'bench', 'rule', jsonb_build_object('id', 1, 'name', 'bench', 'kind', 'threshold'))"
          + " FROM generate_series(1, " + series + ") s, generate_series(1, " + transitions + ") t ORDER BY t, s");
      long inserted = System.nanoTime();
      int total = series * transitions;
      while (TestDatabase.queryLong(db, "SELECT count(*) FROM notifications WHERE status = 'delivered'") < total) {
        Thread.sleep(50);
      }
      double seconds = (System.nanoTime() - inserted) / 1e9;
      long attempts = TestDatabase.queryLong(db, "SELECT count(*) FROM notification_attempts");
      System.out.printf("%d series x %d transitions: %d delivered in %.2f s (insert %.2f s) = %.0f notifications/s;"
          + " %d requests received, %d attempts recorded%n", series, transitions, total, seconds,
          (inserted - start) / 1e9, total / seconds, received.get() - before, attempts);
    }
  }

  private static long channel(Http http, String url) {
    JsonObject body = new JsonObject().put("name", "bench").put("kind", "webhook").put("url", url)
        .put("format", "json");
    HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/channels", body.encode());
    if (r.statusCode() != 201) {
      throw new IllegalStateException(r.bodyAsString());
    }
    return r.bodyAsJsonObject().getLong("id");
  }
}
