package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A client that stops reading must neither hold up the others nor make the server buffer without bound. */
@ExtendWith(VertxExtension.class)
class SlowClientTest {
  private static final String[] REGIONS = {"kr", "jp", "us"};
  private static final int BATCHES = 4;
  private static final int BATCH = 5000;
  private static final AtomicLong TS = new AtomicLong();

  private static Pulseboard start(String slowClientMs) {
    return TestApp.start(TestDatabase.create(), Map.of(
        "PULSEBOARD_WS_SEND_QUEUE_BYTES", "1024",
        "PULSEBOARD_WS_SLOW_CLIENT_MS", slowClientMs));
  }

  private static WsClient subscribe(WsClient ws) {
    ws.send(new JsonObject().put("op", "subscribe").put("metrics", "*"));
    return ws;
  }

  /** Writes many large changes to three series; returns the last seq. */
  private static long flood(Http http) {
    long seq = 0;
    String source = "s".repeat(500);
    for (int i = 0; i < BATCHES; i++) {
      JsonArray points = new JsonArray();
      for (int j = 0; j < BATCH; j++) {
        points.add(Points.point("weekly_users", REGIONS[j % 3], TS.incrementAndGet(), j).put("source", source));
      }
      seq = Points.post(http, points);
    }
    return seq;
  }

  private static double counter(Http http, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(http.get("/metrics").bodyAsString());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void a_client_that_never_reads_is_closed_with_1013_and_counted(Vertx vertx) throws Exception {
    try (Pulseboard app = start("1000"); Http http = new Http(vertx, app.port());
        RawWsClient slow = new RawWsClient(vertx, app.port())) {
      flood(http);
      assertThat(closeCode(http, slow)).isEqualTo((short) 1013);
    }
  }

  @Test
  void a_healthy_client_misses_nothing_while_another_never_reads(Vertx vertx) throws Exception {
    try (Pulseboard app = start("1000"); Http http = new Http(vertx, app.port());
        RawWsClient slow = new RawWsClient(vertx, app.port());
        WsClient healthy = subscribe(WsClient.connect(vertx, app.port()))) {
      long before = healthy.next("snapshot").getLong("seq");
      long head = flood(http);
      List<Long> seqs = healthy.itemsUntil(head).stream().map(i -> i.getLong("seq")).toList();
      assertThat(seqs).hasSize(BATCHES * BATCH).doesNotHaveDuplicates().isSorted();
      assertThat(seqs.get(0)).isGreaterThan(before);
      assertThat(closeCode(http, slow)).isEqualTo((short) 1013);
    }
  }

  @Test
  void a_blocked_client_gets_pending_changes_merged_per_series_with_the_latest_values(Vertx vertx) throws Exception {
    try (Pulseboard app = start("60000"); Http http = new Http(vertx, app.port());
        RawWsClient slow = new RawWsClient(vertx, app.port());
        WsClient witness = subscribe(WsClient.connect(vertx, app.port()))) {
      witness.next("snapshot");
      long head = flood(http);
      Map<String, JsonObject> latest = latestBySeries(witness.itemsUntil(head));
      assertThat(counter(http, "pulseboard_websocket_updates_merged_total")).isPositive();
      slow.resume();
      slow.next("hello");
      slow.next("snapshot");
      List<JsonObject> received = slow.itemsUntil(head);
      assertThat(received.size()).isLessThan(BATCHES * BATCH / 2);
      assertThat(latestBySeries(received)).isEqualTo(latest);
    }
  }

  /**
   * Waits until the server counts the slow client as closed, then reads what it still has in its
   * buffers, up to the close frame, and returns the close code.
   */
  private static short closeCode(Http http, RawWsClient slow) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WsClient.WAIT_SECONDS);
    // The server's counter is the only signal a client that does not read can have: poll it.
    while (counter(http, "pulseboard_websocket_slow_closes_total") < 1 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(counter(http, "pulseboard_websocket_slow_closes_total")).isEqualTo(1.0);
    slow.resume();
    return slow.awaitClose();
  }

  private static Map<String, JsonObject> latestBySeries(List<JsonObject> items) {
    Map<String, JsonObject> latest = new LinkedHashMap<>();
    items.forEach(item -> latest.put(item.getJsonObject("labels").getString("region"), item));
    return latest;
  }
}
