package io.pulseboard.ws;

import static io.pulseboard.ws.Changes.change;
import static io.pulseboard.ws.Changes.encoded;
import static io.pulseboard.ws.Changes.seqs;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pulseboard.config.WebSocketLimits;
import io.pulseboard.telemetry.ServerMeters;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One session with a fake socket and starts the test completes by hand: what the client gets
 * while a subscribe is prepared and at the seam between the start and the live batches.
 */
@ExtendWith(VertxExtension.class)
class SessionTest {
  private static final WebSocketLimits LIMITS = new WebSocketLimits(100, 65_536, 2, 10_000, 25_000, 1 << 20, 30_000, 0);

  /** A start asked for, with the seq the session said it buffers after. */
  private record Asked(ClientMessage.Subscribe subscribe, long buffered, Promise<Start> start) {}

  private final List<Asked> asked = new ArrayList<>();
  private final AtomicLong hubSeq = new AtomicLong(10);
  private final AtomicLong clock = new AtomicLong();
  private FakeSocket socket;
  private Session session;

  @BeforeEach
  void open(Vertx vertx) {
    socket = FakeSocket.fast();
    ServerMeters meters = new ServerMeters(new SimpleMeterRegistry());
    Start.Source starts = (subscribe, buffered) -> {
      Promise<Start> start = Promise.promise();
      asked.add(new Asked(subscribe, buffered, start));
      return start.future();
    };
    session = new Session(socket, (ws, onBlockedChange) -> new Outbox(ws, vertx, meters, 30_000, 1 << 20,
        onBlockedChange), starts, hubSeq::get, LIMITS, new SubscribeRate(3, clock::get),
        (outbox, principal, onReplayChange) -> new Watches(outbox, principal, null, () -> 0, onReplayChange));
    session.open(10, 10, 25_000);
    assertThat(socket.frames("hello")).hasSize(1);
    socket.clear();
  }

  private static SharedFrame snapshot(long seq) {
    return SharedFrame.of(Frames.snapshot(seq, new JsonArray(), false));
  }

  private Asked subscribe(String frame) {
    session.message(frame);
    return asked.get(asked.size() - 1);
  }

  private List<String> ops() {
    return socket.frames().stream().map(f -> f.getString("op")).toList();
  }

  @Test
  void live_batches_during_a_snapshot_wait_and_follow_it_without_gap_or_duplicate() {
    Asked all = subscribe("{\"op\":\"subscribe\",\"metrics\":\"*\"}");
    assertThat(all.buffered()).isEqualTo(10);
    assertThat(socket.paused()).as("no frame is read while a subscribe is prepared").isTrue();
    session.deliver(encoded(change(11, "offices", "asia"), change(12, "weekly_users", "kr")));
    session.deliver(encoded(change(13, "offices", "global")));
    assertThat(socket.frames()).isEmpty();

    // The snapshot is current at 12: it holds 11 and 12, so only 13 follows it.
    all.start().complete(new Start(12, snapshot(12), List.of()));

    assertThat(ops()).containsExactly("snapshot", "update");
    assertThat(seqs(socket.frames("update").get(0))).containsExactly(13L);
    assertThat(socket.paused()).isFalse();
  }

  @Test
  void a_resume_merges_its_catch_up_with_buffered_changes_of_the_earlier_subscription_in_seq_order() {
    subscribe("{\"op\":\"subscribe\",\"metrics\":[\"offices\"]}").start().complete(new Start(10, snapshot(10), List.of()));
    socket.clear();
    Asked more = subscribe("{\"op\":\"subscribe\",\"metrics\":[\"weekly_users\"],\"since\":5}");
    assertThat(more.subscribe().since()).isEqualTo(5L);
    session.deliver(encoded(change(11, "offices", "asia"), change(12, "weekly_users", "kr"),
        change(13, "offices", "asia")));

    more.start().complete(new Start(12, null, List.of(change(6, "weekly_users", "kr"), change(12, "weekly_users", "kr"))));

    List<JsonObject> updates = socket.frames("update");
    assertThat(updates).hasSize(2);
    assertThat(seqs(updates.get(0))).as("catch-up, then offices/asia 11 in its place").containsExactly(6L, 11L, 12L);
    assertThat(seqs(updates.get(1))).containsExactly(13L);
  }

  @Test
  void a_start_that_fails_answers_unavailable_and_the_earlier_subscription_goes_on() {
    subscribe("{\"op\":\"subscribe\",\"metrics\":[\"offices\"]}").start().complete(new Start(10, snapshot(10), List.of()));
    socket.clear();
    Asked failing = subscribe("{\"op\":\"subscribe\",\"metrics\":[\"weekly_users\"]}");
    session.deliver(encoded(change(11, "offices", "asia"), change(12, "weekly_users", "kr")));
    failing.start().fail(new IllegalStateException("connection refused"));
    assertThat(socket.frames("error").get(0).getString("code")).isEqualTo("unavailable");
    assertThat(seqs(socket.frames("update").get(0))).containsExactly(11L);
    assertThat(socket.paused()).isFalse();
  }

  @Test
  void a_protocol_error_from_the_start_is_the_answer() {
    subscribe("{\"op\":\"subscribe\",\"metrics\":[\"no_such\"]}").start()
        .fail(new ProtocolError(Frames.UNKNOWN_METRIC, "no metric no_such"));
    assertThat(socket.frames("error").get(0)).isEqualTo(Frames.error("unknown_metric", "no metric no_such"));
  }

  @Test
  void subscribes_past_the_rate_are_refused_with_rate_limited_and_start_nothing() {
    for (int i = 0; i < 3; i++) {
      subscribe("{\"op\":\"subscribe\",\"metrics\":[\"offices\"]}").start().complete(new Start(10, snapshot(10), List.of()));
    }
    session.message("{\"op\":\"subscribe\",\"metrics\":[\"weekly_users\"]}");
    assertThat(asked).hasSize(3);
    assertThat(socket.frames("error").get(0).getString("code")).isEqualTo("rate_limited");
    assertThat(socket.paused()).isFalse();
    session.deliver(encoded(change(11, "weekly_users", "kr")));
    assertThat(socket.frames("update")).as("weekly_users was not subscribed").isEmpty();
    clock.addAndGet(1_000_000_000L);
    subscribe("{\"op\":\"subscribe\",\"metrics\":[\"weekly_users\"]}");
    assertThat(asked).hasSize(4);
  }

  @Test
  void a_subscribe_over_the_subscription_limit_is_refused_before_any_query() {
    session.message("{\"op\":\"subscribe\",\"metrics\":[\"a\",\"b\",\"c\"]}");
    assertThat(asked).isEmpty();
    assertThat(socket.frames("error").get(0).getString("code")).isEqualTo("too_many_subscriptions");
  }

  @Test
  void ping_unsubscribe_and_errors_are_answered_in_order() {
    subscribe("{\"op\":\"subscribe\",\"metrics\":\"*\"}").start().complete(new Start(10, snapshot(10), List.of()));
    session.message("{\"op\":\"ping\",\"id\":[1]}");
    session.message("{\"op\":\"unsubscribe\"}");
    session.message("{\"op\":\"nope\"}");
    session.deliver(encoded(change(11, "offices", "asia")));
    assertThat(ops()).containsExactly("snapshot", "pong", "error");
    assertThat(socket.frames("pong").get(0).getJsonArray("id")).isEqualTo(new JsonArray().add(1));
  }

  @Test
  void a_start_that_completes_after_the_socket_closed_writes_nothing() {
    Asked all = subscribe("{\"op\":\"subscribe\",\"metrics\":\"*\"}");
    session.closed();
    all.start().complete(new Start(12, snapshot(12), List.of()));
    assertThat(socket.frames()).isEmpty();
  }

  @Test
  void the_start_is_asked_for_with_the_hub_seq_at_the_time_of_the_subscribe() {
    hubSeq.set(42);
    assertThat(subscribe("{\"op\":\"subscribe\",\"metrics\":\"*\"}").buffered()).isEqualTo(42);
  }
}
