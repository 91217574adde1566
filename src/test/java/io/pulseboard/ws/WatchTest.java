package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The event feed on the socket ({@code watch}): two instances whose reads need a token, events
 * emitted in the database as the boards and alerts APIs emit them. Each event reaches the watchers
 * of every instance once; a resume with {@code since} replays exactly what was missed; a token sees
 * only what it may read.
 */
@ExtendWith(VertxExtension.class)
class WatchTest {
  private static final String READ_TOKEN = "watch-read-token-0123456789";
  private static String db;
  private static Pulseboard a;
  private static Pulseboard b;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    a = TestApp.start(db, Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN));
    b = TestApp.start(db, Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN, "PULSEBOARD_SEED", "false"));
  }

  @AfterAll
  static void stop() throws Exception {
    a.close();
    b.close();
  }

  /** Emits an event as a change's transaction does; answers its seq. */
  private static long emit(String topic, String subject, int version) {
    return TestDatabase.queryLong(db, "SELECT pulseboard_emit_event('" + topic + "', '" + subject
        + "', '{\"id\":\"" + subject + "\",\"version\":" + version + "}')");
  }

  private static WsClient open(Vertx vertx, Pulseboard app, String token) {
    return WsClient.open(vertx, app.port(), new WebSocketConnectOptions().setHost("127.0.0.1").setPort(app.port())
        .setURI("/ws?token=" + token));
  }

  private static JsonObject watch(WsClient ws, Long since, String... topics) {
    JsonObject frame = new JsonObject().put("op", "watch").put("topics", new JsonArray(List.of(topics)));
    if (since != null) {
      frame.put("since", since);
    }
    ws.send(frame);
    return ws.next("events");
  }

  private static String scopedToken(Vertx vertx, String scope) {
    try (Http http = new Http(vertx, a.port())) {
      JsonObject body = new JsonObject().put("name", "watch " + scope).put("scopes", new JsonArray().add(scope));
      HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/tokens", body.encode(), TestApp.ADMIN_TOKEN,
          "application/json");
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
      return r.bodyAsJsonObject().getString("token");
    }
  }

  @Test
  void an_event_emitted_once_reaches_a_watcher_on_each_instance_once(Vertx vertx) {
    try (WsClient onA = open(vertx, a, READ_TOKEN); WsClient onB = open(vertx, b, READ_TOKEN)) {
      onA.next("hello");
      onB.next("hello");
      JsonObject startA = watch(onA, null, "boards");
      watch(onB, null, "boards", "alerts");
      assertThat(startA.getJsonArray("items")).isEmpty();
      long seq = emit("boards", "launch", 2);
      for (WsClient ws : List.of(onA, onB)) {
        JsonObject frame = ws.next("events");
        assertThat(frame.getLong("seq")).isEqualTo(seq);
        JsonObject item = frame.getJsonArray("items").getJsonObject(0);
        assertThat(item.getString("topic")).isEqualTo("boards");
        assertThat(item.getString("subject")).isEqualTo("launch");
        assertThat(item.getJsonObject("body").getInteger("version")).isEqualTo(2);
        assertThat(item.getString("at")).isNotBlank();
      }
      long alert = emit("alerts", "41", 1);
      assertThat(onB.next("events").getLong("seq")).isEqualTo(alert);
      long board = emit("boards", "launch", 3);
      assertThat(onA.next("events").getLong("seq")).as("A does not watch alerts").isEqualTo(board);
      assertThat(onB.next("events").getLong("seq")).isEqualTo(board);
    }
  }

  @Test
  void a_watcher_that_comes_back_with_since_gets_what_it_missed_exactly_once(Vertx vertx) {
    long since;
    try (WsClient first = open(vertx, a, READ_TOKEN)) {
      first.next("hello");
      since = watch(first, null, "boards").getLong("seq");
    }
    long one = emit("boards", "resume", 1);
    long two = emit("boards", "resume", 2);
    try (WsClient back = open(vertx, b, READ_TOKEN)) {
      back.next("hello");
      JsonObject replay = watch(back, since, "boards");
      assertThat(replay.getLong("seq")).isEqualTo(two);
      assertThat(replay.getJsonArray("items").stream().map(i -> ((JsonObject) i).getLong("seq")))
          .containsExactly(one, two);
      long three = emit("boards", "resume", 3);
      JsonObject live = back.next("events");
      assertThat(live.getJsonArray("items").stream().map(i -> ((JsonObject) i).getLong("seq")))
          .containsExactly(three);
    }
  }

  @Test
  void a_since_ahead_of_the_feed_answers_a_reset(Vertx vertx) {
    try (WsClient ws = open(vertx, a, READ_TOKEN)) {
      ws.next("hello");
      JsonObject reset = watch(ws, 1_000_000L, "alerts");
      assertThat(reset.getBoolean("reset")).isTrue();
      assertThat(reset.getJsonArray("items")).isEmpty();
    }
  }

  @Test
  void a_board_token_sees_only_its_board_and_may_not_watch_alerts(Vertx vertx) {
    String token = scopedToken(vertx, "board:mine");
    try (WsClient ws = open(vertx, b, token)) {
      ws.next("hello");
      ws.send(new JsonObject().put("op", "watch").put("topics", new JsonArray().add("boards").add("alerts")));
      JsonObject error = ws.next("error");
      assertThat(error.getString("code")).isEqualTo("forbidden");
      assertThat(error.getString("missing_scope")).isEqualTo("read");
      watch(ws, null, "boards");
      emit("boards", "other", 1);
      long mine = emit("boards", "mine", 1);
      JsonObject frame = ws.next("events");
      assertThat(frame.getLong("seq")).isEqualTo(mine);
      assertThat(frame.getJsonArray("items")).hasSize(1);
      assertThat(frame.getJsonArray("items").getJsonObject(0).getString("subject")).isEqualTo("mine");
    }
  }

  /**
   * Emits an event and waits until a socket watching everything on the same instance has it: a
   * frame sent after that is read after the event reached every socket of the instance.
   */
  private static void emitSeenBy(WsClient witness, String topic, String subject) {
    long seq = emit(topic, subject, 1);
    assertThat(witness.next("events").getLong("seq")).isEqualTo(seq);
  }

  private static WsClient witness(Vertx vertx, Pulseboard app) {
    WsClient ws = open(vertx, app, READ_TOKEN);
    ws.next("hello");
    watch(ws, null, "boards", "alerts");
    return ws;
  }

  /** Pings and expects the pong as the next frame: nothing else was sent before it. */
  private static void nothingBeforePong(WsClient ws, int id) {
    ws.send(new JsonObject().put("op", "ping").put("id", id));
    assertThat(ws.next("pong").getInteger("id")).as("nothing was sent before the pong").isEqualTo(id);
  }

  @Test
  void a_write_token_may_not_watch(Vertx vertx) {
    String token = scopedToken(vertx, "write");
    try (WsClient witness = witness(vertx, a); WsClient ws = open(vertx, a, token)) {
      ws.next("hello");
      ws.send(new JsonObject().put("op", "watch").put("topics", new JsonArray().add("boards")));
      assertThat(ws.next("error").getString("code")).isEqualTo("forbidden");
      emitSeenBy(witness, "boards", "unseen");
      nothingBeforePong(ws, 1);
    }
  }

  @Test
  void a_bad_watch_is_a_bad_frame_and_watches_nothing(Vertx vertx) {
    try (WsClient witness = witness(vertx, a); WsClient ws = open(vertx, a, READ_TOKEN)) {
      ws.next("hello");
      ws.send(new JsonObject().put("op", "watch").put("topics", new JsonArray().add("points")));
      assertThat(ws.next("error").getString("code")).isEqualTo("bad_frame");
      emitSeenBy(witness, "boards", "unwatched");
      nothingBeforePong(ws, 2);
    }
  }

  @Test
  void after_unwatch_no_events_arrive(Vertx vertx) {
    try (WsClient witness = witness(vertx, a); WsClient ws = open(vertx, a, READ_TOKEN)) {
      ws.next("hello");
      watch(ws, null, "boards");
      ws.send(new JsonObject().put("op", "unwatch"));
      emitSeenBy(witness, "boards", "quiet");
      nothingBeforePong(ws, 3);
    }
  }
}
