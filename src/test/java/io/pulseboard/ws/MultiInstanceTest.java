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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two instances on one database: each delivers every change, whichever instance took the write. */
@ExtendWith(VertxExtension.class)
class MultiInstanceTest {
  private static final AtomicLong TS = new AtomicLong();
  private static String db;
  private static Pulseboard a;
  private static Pulseboard b;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    a = TestApp.start(db, Map.of());
    b = TestApp.start(db, Map.of("PULSEBOARD_SEED", "false"));
  }

  @AfterAll
  static void stop() throws Exception {
    a.close();
    b.close();
  }

  private static WsClient subscribed(Vertx vertx, Pulseboard app) {
    WsClient ws = WsClient.connect(vertx, app.port());
    ws.send(new JsonObject().put("op", "subscribe").put("metrics", "*"));
    ws.next("snapshot");
    return ws;
  }

  /** Posts batches of points at distinct times, so every point is a new change with its own seq. */
  private static long writeBatches(Http http, int batches, int size) {
    long seq = 0;
    for (int i = 0; i < batches; i++) {
      JsonArray points = new JsonArray();
      for (int j = 0; j < size; j++) {
        points.add(Points.point("offices", j % 2 == 0 ? "global" : "asia", TS.incrementAndGet(), i));
      }
      seq = Math.max(seq, Points.post(http, points));
    }
    return seq;
  }

  @Test
  void a_point_posted_to_instance_a_reaches_a_client_of_instance_b(Vertx vertx) {
    try (WsClient onB = subscribed(vertx, b); Http toA = new Http(vertx, a.port())) {
      long seq = Points.one(toA, TS.incrementAndGet(), 77);
      JsonObject update = onB.next("update");
      assertThat(update.getLong("seq")).isEqualTo(seq);
      assertThat(update.getJsonArray("items").getJsonObject(0).getDouble("value")).isEqualTo(77.0);
    }
  }

  @Test
  void with_concurrent_writers_on_both_instances_a_client_on_each_sees_every_seq_once(Vertx vertx) throws Exception {
    long before = TestDatabase.queryLong(db, "SELECT coalesce(max(seq), 0) FROM points");
    try (WsClient onA = subscribed(vertx, a); WsClient onB = subscribed(vertx, b);
        Http toA = new Http(vertx, a.port()); Http toB = new Http(vertx, b.port())) {
      CompletableFuture<Long> writerA = CompletableFuture.supplyAsync(() -> writeBatches(toA, 40, 5));
      CompletableFuture<Long> writerB = CompletableFuture.supplyAsync(() -> writeBatches(toB, 40, 5));
      long head = Math.max(writerA.get(), writerB.get());
      List<Long> expected = Points.storedAfter(db, before);
      assertThat(expected).hasSize(400);
      for (WsClient client : List.of(onA, onB)) {
        List<Long> seqs = client.itemsUntil(head).stream().map(i -> i.getLong("seq")).toList();
        assertThat(seqs).doesNotHaveDuplicates().isEqualTo(expected);
      }
    }
  }
}
