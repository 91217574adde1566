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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Boards saved and deleted through the API on one instance reach the {@code boards} watchers of
 * another instance on the same database, each change once, as {@code GET} gives the board; a
 * client that reconnects with {@code since} gets what it missed exactly once.
 */
@ExtendWith(VertxExtension.class)
class BoardEventsTest {
  private static final String READ_TOKEN = "board-events-read-token-0123";
  private static Pulseboard a;
  private static Pulseboard b;

  @BeforeAll
  static void start() {
    String db = TestDatabase.create();
    a = TestApp.start(db, Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN));
    b = TestApp.start(db, Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN, "PULSEBOARD_SEED", "false"));
  }

  @AfterAll
  static void stop() throws Exception {
    a.close();
    b.close();
  }

  private static String board(String title, String metric) {
    return new JsonObject().put("title", title).put("sections", new JsonArray().add(new JsonObject()
        .put("tiles", new JsonArray().add(new JsonObject().put("kind", "kpi").put("metric", metric))))).encode();
  }

  private static WsClient watching(Vertx vertx, Pulseboard app, String token, Long since) {
    WsClient ws = WsClient.open(vertx, app.port(), new WebSocketConnectOptions().setURI("/ws?token=" + token));
    ws.next("hello");
    JsonObject watch = new JsonObject().put("op", "watch").put("topics", new JsonArray().add("boards"));
    ws.send(since == null ? watch : watch.put("since", since));
    return ws;
  }

  private static JsonObject put(Http http, String id, String body) {
    HttpResponse<Buffer> r = http.send(HttpMethod.PUT, "/api/v1/boards/" + id, body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isIn(200, 201);
    return r.bodyAsJsonObject();
  }

  /** The next events frame with items, each of them. */
  private static JsonArray nextItems(WsClient ws) {
    JsonObject frame = ws.next("events");
    return frame.getJsonArray("items");
  }

  @Test
  void a_board_saved_on_one_instance_reaches_a_watcher_of_another_as_get_gives_it(Vertx vertx) {
    try (Http http = new Http(vertx, a.port()); WsClient ws = watching(vertx, b, READ_TOKEN, null)) {
      assertThat(ws.next("events").getJsonArray("items")).as("no since: the current seq, no items").isEmpty();
      JsonObject saved = put(http, "live-board", board("Live", "offices"));
      JsonArray items = nextItems(ws);
      assertThat(items).hasSize(1);
      JsonObject event = items.getJsonObject(0);
      assertThat(event.getString("topic")).isEqualTo("boards");
      assertThat(event.getString("subject")).isEqualTo("live-board");
      assertThat(event.getJsonObject("body")).isEqualTo(saved)
          .isEqualTo(http.get("/api/v1/boards/live-board", "Authorization", "Bearer " + READ_TOKEN).bodyAsJsonObject());

      assertThat(http.send(HttpMethod.DELETE, "/api/v1/boards/live-board", null).statusCode()).isEqualTo(204);
      JsonObject deleted = nextItems(ws).getJsonObject(0).getJsonObject("body");
      assertThat(deleted).isEqualTo(new JsonObject().put("id", "live-board").put("deleted", true).put("version", 2));
    }
  }

  @Test
  void a_watcher_that_reconnects_with_since_gets_the_missed_change_exactly_once(Vertx vertx) {
    try (Http http = new Http(vertx, a.port())) {
      long since;
      try (WsClient ws = watching(vertx, b, READ_TOKEN, null)) {
        ws.next("events");
        put(http, "resumed", board("First", "offices"));
        since = ws.next("events").getLong("seq");
      }
      put(http, "resumed", board("Second", "offices"));
      try (WsClient ws = watching(vertx, b, READ_TOKEN, since)) {
        JsonArray items = ws.next("events").getJsonArray("items");
        assertThat(items).hasSize(1);
        assertThat(items.getJsonObject(0).getJsonObject("body").getLong("version")).isEqualTo(2);
        assertThat(items.getJsonObject(0).getJsonObject("body").getJsonObject("title").getString("en"))
            .isEqualTo("Second");
        put(http, "resumed", board("Third", "offices"));
        JsonArray next = nextItems(ws);
        assertThat(next).hasSize(1);
        assertThat(next.getJsonObject(0).getJsonObject("body").getLong("version")).as("once, in order").isEqualTo(3);
      }
    }
  }

  @Test
  void a_board_token_watches_the_events_of_its_board_only(Vertx vertx) {
    try (Http http = new Http(vertx, a.port())) {
      put(http, "watched", board("Watched", "offices"));
      HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/tokens", new JsonObject().put("name", "tv")
          .put("scopes", new JsonArray().add("board:watched")).encode(), TestApp.ADMIN_TOKEN, "application/json");
      String token = r.bodyAsJsonObject().getString("token");
      try (WsClient ws = watching(vertx, b, token, null)) {
        ws.next("events");
        put(http, "unwatched", board("Other", "offices"));
        put(http, "watched", board("Watched, edited", "offices"));
        JsonArray items = nextItems(ws);
        assertThat(items).hasSize(1);
        assertThat(items.getJsonObject(0).getString("subject")).isEqualTo("watched");
      }
    }
  }

  @Test
  void a_board_token_loses_a_live_metric_its_board_stops_showing(Vertx vertx) {
    try (Http http = new Http(vertx, a.port())) {
      put(http, "shrinking", board("Shrinking", "offices"));
      HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/tokens", new JsonObject().put("name", "tv2")
          .put("scopes", new JsonArray().add("board:shrinking")).encode(), TestApp.ADMIN_TOKEN, "application/json");
      String token = r.bodyAsJsonObject().getString("token");
      try (WsClient ws = watching(vertx, b, token, null)) {
        ws.next("events");
        ws.send(new JsonObject().put("op", "subscribe").put("metrics", "*"));
        ws.next("snapshot");
        put(http, "shrinking", board("Shrinking", "weekly_users"));
        ws.next("events");
        // As a page does on a board event: subscribe to what the board shows now.
        ws.send(new JsonObject().put("op", "subscribe").put("metrics", "*"));
        assertThat(ws.next("snapshot").getJsonArray("metrics").stream().map(m -> ((JsonObject) m).getString("id")))
            .containsExactly("weekly_users");
        assertThat(http.postPoints(Http.regionPoint("offices", "asia", "2026-06-01T00:00:00Z", 4)).statusCode())
            .isEqualTo(200);
        assertThat(http.postPoints(Http.regionPoint("weekly_users", "kr", "2026-06-01T00:00:00Z", 5)).statusCode())
            .isEqualTo(200);
        JsonObject update = ws.next("update");
        assertThat(update.encode()).as("only what the board shows now").contains("weekly_users")
            .doesNotContain("offices");
      }
    }
  }
}
