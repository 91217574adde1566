package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class ResumeTest {
  private static final int RESUME_LIMIT = 50;
  private static final AtomicLong TS = new AtomicLong();

  @RegisterExtension
  static final RunningApp running =
      new RunningApp(Map.of("PULSEBOARD_WS_RESUME_LIMIT", String.valueOf(RESUME_LIMIT)));
  private Http http;

  @BeforeEach
  void client(Vertx vertx) {
    http = new Http(vertx, running.port());
  }

  private static JsonObject subscribeSince(long since) {
    return new JsonObject().put("op", "subscribe").put("metrics", "*").put("since", since);
  }

  private long write(int points) {
    long seq = 0;
    for (int i = 0; i < points; i++) {
      seq = Points.one(http, TS.incrementAndGet(), i);
    }
    return seq;
  }

  private static List<Long> storedAfter(long after) {
    return Points.storedAfter(running.db(), after);
  }

  @Test
  void resume_after_a_disconnect_delivers_every_change_written_meanwhile_exactly_once(Vertx vertx) {
    long seen;
    try (WsClient ws = WsClient.connect(vertx, running.port())) {
      ws.send(new JsonObject().put("op", "subscribe").put("metrics", "*"));
      seen = ws.next("snapshot").getLong("seq");
    }
    long head = write(10);
    try (WsClient ws = WsClient.connect(vertx, running.port())) {
      ws.send(subscribeSince(seen));
      List<Long> seqs = ws.itemsUntil(head).stream().map(i -> i.getLong("seq")).toList();
      assertThat(seqs).isEqualTo(storedAfter(seen));
    }
  }

  @Test
  void resume_while_points_are_written_has_no_gap_and_no_duplicate_at_the_seam(Vertx vertx) throws Exception {
    long since = write(5) - 3;
    CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> write(30));
    try (WsClient ws = WsClient.connect(vertx, running.port())) {
      ws.send(subscribeSince(since));
      long head = writer.get();
      List<Long> seqs = ws.itemsUntil(head).stream().map(i -> i.getLong("seq")).toList();
      assertThat(seqs).doesNotHaveDuplicates().isEqualTo(storedAfter(since));
    }
  }

  @Test
  void resume_then_live_changes_follow_in_order(Vertx vertx) {
    long since = write(2);
    try (WsClient ws = WsClient.connect(vertx, running.port())) {
      ws.send(subscribeSince(since - 1));
      ws.itemsUntil(since);
      long next = write(1);
      assertThat(ws.next("update").getLong("seq")).isEqualTo(next);
    }
  }

  @Test
  void since_further_behind_than_the_resume_limit_gets_a_reset_snapshot(Vertx vertx) {
    long head = write(RESUME_LIMIT + 5);
    try (WsClient ws = WsClient.connect(vertx, running.port())) {
      ws.send(subscribeSince(head - RESUME_LIMIT - 2));
      JsonObject snapshot = ws.next("snapshot");
      assertThat(snapshot.getBoolean("reset")).isTrue();
      assertThat(snapshot.getLong("seq")).isGreaterThanOrEqualTo(head);
    }
  }

  @Test
  void since_ahead_of_the_head_gets_a_reset_snapshot(Vertx vertx) {
    long head = write(1);
    try (WsClient ws = WsClient.connect(vertx, running.port())) {
      ws.send(subscribeSince(head + 1000));
      JsonObject snapshot = ws.next("snapshot");
      assertThat(snapshot.getBoolean("reset")).isTrue();
      assertThat(snapshot.getLong("seq")).isEqualTo(head);
    }
  }

  @Test
  void since_at_the_head_sends_nothing_until_the_next_change(Vertx vertx) {
    long head = write(1);
    try (WsClient ws = WsClient.connect(vertx, running.port())) {
      ws.send(subscribeSince(head));
      long next = write(1);
      JsonObject update = ws.next("update");
      assertThat(update.getLong("seq")).isEqualTo(next);
      assertThat(update.getJsonArray("items")).hasSize(1);
    }
  }
}
