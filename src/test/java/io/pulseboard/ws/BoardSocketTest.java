package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code board:<id>} token on {@code /ws}: it subscribes to the metrics its board shows, its
 * {@code "*"} means those, and naming any other metric is {@code forbidden} with nothing subscribed.
 */
@ExtendWith(VertxExtension.class)
class BoardSocketTest {
  private static final String READ_TOKEN = "board-socket-read-token-0123";
  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN));
  private static String boardToken;

  @BeforeAll
  static void makeABoardToken() {
    Vertx vertx = Vertx.vertx();
    try (Http http = new Http(vertx, running.port())) {
      assertThat(http.send(HttpMethod.PUT, "/api/v1/metrics/hidden_metric", new JsonObject().put("name", "Hidden")
          .put("unit", "users").put("cadence", "P7D").put("display", "number").encode()).statusCode()).isEqualTo(201);
      JsonObject board = new JsonObject().put("title", "Socket").put("sections", new JsonArray().add(new JsonObject()
          .put("tiles", new JsonArray().add(new JsonObject().put("kind", "kpi").put("metric", "offices")))));
      assertThat(http.send(HttpMethod.PUT, "/api/v1/boards/socket-board", board.encode()).statusCode()).isEqualTo(201);
      HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/tokens", new JsonObject().put("name", "tv")
          .put("scopes", new JsonArray().add("board:socket-board")).encode(), TestApp.ADMIN_TOKEN, "application/json");
      boardToken = r.bodyAsJsonObject().getString("token");
    } finally {
      vertx.close().await();
    }
  }

  private static WsClient connect(Vertx vertx) {
    WsClient ws = WsClient.open(vertx, running.port(), new WebSocketConnectOptions().setURI("/ws?token=" + boardToken));
    assertThat(ws.next().getString("op")).isEqualTo("hello");
    return ws;
  }

  private static JsonObject subscribe(WsClient ws, Object metrics) {
    ws.send(new JsonObject().put("op", "subscribe").put("metrics", metrics));
    return ws.next();
  }

  @Test
  void star_is_narrowed_to_the_metrics_the_board_shows(Vertx vertx) {
    try (WsClient ws = connect(vertx)) {
      JsonObject snapshot = subscribe(ws, "*");
      assertThat(snapshot.getString("op")).as("%s", snapshot).isEqualTo("snapshot");
      assertThat(snapshot.getJsonArray("metrics").stream().map(m -> ((JsonObject) m).getString("id")))
          .containsExactly("offices");
    }
  }

  @Test
  void naming_a_metric_the_board_does_not_show_is_forbidden_and_subscribes_nothing(Vertx vertx) {
    try (WsClient ws = connect(vertx)) {
      for (Object metrics : new Object[] {new JsonArray().add("hidden_metric"),
          new JsonArray().add("offices").add("weekly_users")}) {
        JsonObject error = subscribe(ws, metrics);
        assertThat(error.getString("op")).as("%s", metrics).isEqualTo("error");
        assertThat(error.getString("code")).isEqualTo("forbidden");
        assertThat(error.getString("missing_scope")).isEqualTo("read");
      }
      ws.send(new JsonObject().put("op", "ping").put("id", 1));
      assertThat(ws.next().getString("op")).as("nothing else was sent").isEqualTo("pong");
      assertThat(subscribe(ws, new JsonArray().add("offices")).getString("op")).isEqualTo("snapshot");
    }
  }

  @Test
  void a_read_token_still_subscribes_to_every_metric(Vertx vertx) {
    try (WsClient ws = WsClient.open(vertx, running.port(), new WebSocketConnectOptions()
        .setURI("/ws?token=" + READ_TOKEN))) {
      ws.next("hello");
      JsonObject snapshot = subscribe(ws, "*");
      assertThat(snapshot.getJsonArray("metrics").stream().map(m -> ((JsonObject) m).getString("id")))
          .contains("offices", "hidden_metric", "weekly_users");
    }
  }
}
