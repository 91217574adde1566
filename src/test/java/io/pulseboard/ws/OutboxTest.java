package io.pulseboard.ws;

import static io.pulseboard.ws.Changes.change;
import static io.pulseboard.ws.Changes.seqs;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pulseboard.db.Change;
import io.pulseboard.telemetry.ServerMeters;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The outbox against a socket whose network takes writes only when the test says. */
@ExtendWith(VertxExtension.class)
class OutboxTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ServerMeters meters = new ServerMeters(registry);
  private final AtomicInteger blockedChanges = new AtomicInteger();

  private Outbox outbox(Vertx vertx, ClientSocket socket, int maxQueuedBytes, long slowClientMs) {
    return new Outbox(socket, vertx, meters, slowClientMs, maxQueuedBytes, blockedChanges::incrementAndGet);
  }

  private static SharedFrame big() {
    return SharedFrame.of(new JsonObject().put("op", "pong").put("id", "x".repeat(1000)));
  }

  private static Supplier<List<Change>> never() {
    return () -> {
      throw new AssertionError("items asked for although the shared frame could go out");
    };
  }

  @Test
  void frames_go_straight_to_the_socket_while_the_queue_has_room(Vertx vertx) {
    FakeSocket socket = FakeSocket.fast();
    Outbox outbox = outbox(vertx, socket, 1024, 30_000);
    EncodedBatch batch = Changes.encoded(change(1, "offices", "asia"), change(2, "offices", "global"));
    outbox.control(big());
    outbox.changes(batch.frameFor(Subscriptions.of(null, Map.of())).orElseThrow(), never());
    assertThat(socket.frames()).extracting(f -> f.getString("op")).containsExactly("pong", "update");
    assertThat(seqs(socket.frames("update").get(0))).containsExactly(1L, 2L);
    assertThat(outbox.blocked()).isFalse();
    assertThat(blockedChanges).hasValue(0);
  }

  @Test
  void blocks_past_the_limit_and_merges_waiting_changes_per_series_the_latest_winning_in_seq_order(Vertx vertx) {
    FakeSocket socket = FakeSocket.stalled();
    Outbox outbox = outbox(vertx, socket, 600, 30_000);
    outbox.control(big());
    assertThat(outbox.blocked()).isTrue();
    assertThat(blockedChanges).hasValue(1);
    EncodedBatch batch = Changes.encoded(change(5, "offices", "asia"), change(6, "weekly_users", "kr"),
        change(7, "offices", "asia"));
    outbox.changes(batch.frameFor(Subscriptions.of(null, Map.of())).orElseThrow(),
        () -> batch.matching(Subscriptions.of(null, Map.of()), 0));
    outbox.changes(List.of(change(8, "offices", "global"), change(9, "weekly_users", "kr")));
    assertThat(socket.frames()).hasSize(1);

    socket.networkTakesAll();

    assertThat(outbox.blocked()).isFalse();
    assertThat(blockedChanges).hasValue(2);
    List<JsonObject> updates = socket.frames("update");
    assertThat(updates).hasSize(1);
    // offices/asia: 7 replaced 5; weekly_users/kr: 9 replaced 6; then sorted by seq.
    assertThat(seqs(updates.get(0))).containsExactly(7L, 8L, 9L);
    assertThat(updates.get(0).getLong("seq")).isEqualTo(9L);
    assertThat(registry.get("pulseboard.websocket.updates.merged").counter().count()).isEqualTo(2.0);
  }

  @Test
  void unblocks_only_when_the_unsent_bytes_are_down_to_half_the_limit(Vertx vertx) {
    FakeSocket socket = FakeSocket.stalled();
    SharedFrame frame = big();
    Outbox outbox = outbox(vertx, socket, frame.size() + frame.size() / 2, 30_000);
    outbox.control(frame);
    assertThat(outbox.blocked()).isFalse();
    outbox.control(frame);
    assertThat(outbox.blocked()).isTrue();
    socket.networkTakes(1);
    assertThat(outbox.blocked()).as("one frame unsent is more than half the limit").isTrue();
    socket.networkTakes(1);
    assertThat(outbox.blocked()).isFalse();
  }

  @Test
  void a_socket_blocked_past_the_slow_client_limit_is_closed_with_1013(Vertx vertx) {
    FakeSocket socket = FakeSocket.stalled();
    Outbox outbox = outbox(vertx, socket, 100, 50);
    outbox.control(big());
    assertThat(socket.closeCode().timeout(5, TimeUnit.SECONDS).await()).isEqualTo((short) 1013);
    assertThat(registry.get("pulseboard.websocket.slow.closes").counter().count()).isEqualTo(1.0);
  }

  @Test
  void a_socket_that_drains_in_time_stays_open(Vertx vertx) {
    FakeSocket socket = FakeSocket.stalled();
    Outbox outbox = outbox(vertx, socket, 100, 200);
    outbox.control(big());
    socket.networkTakesAll();
    vertx.timer(400).await();
    assertThat(socket.isClosed()).isFalse();
  }

  @Test
  void more_waiting_series_than_the_limit_closes_the_socket_rather_than_growing(Vertx vertx) {
    FakeSocket socket = FakeSocket.stalled();
    Outbox outbox = outbox(vertx, socket, 100, 30_000);
    outbox.control(big());
    List<Change> many = new ArrayList<>();
    for (int i = 0; i <= Outbox.MAX_PENDING_SERIES; i++) {
      many.add(change(i + 1, "offices", "r" + i));
    }
    outbox.changes(many);
    assertThat(socket.closeCode().result()).isEqualTo((short) 1013);
  }

  @Test
  void changes_encoded_for_one_socket_go_in_frames_of_at_most_1000_items(Vertx vertx) {
    FakeSocket socket = FakeSocket.fast();
    Outbox outbox = outbox(vertx, socket, 1 << 24, 30_000);
    List<Change> items = new ArrayList<>();
    for (int i = 1; i <= 2500; i++) {
      items.add(change(i, "offices", "r" + (i % 7)));
    }
    outbox.changes(items);
    assertThat(socket.frames("update")).extracting(f -> f.getJsonArray("items").size()).containsExactly(1000, 1000, 500);
    assertThat(socket.frames("update").get(2).getLong("seq")).isEqualTo(2500L);
  }
}
