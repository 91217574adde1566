package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.RunningApp;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class WebSocketLimitsTest {
  private static final int MAX_FRAME = 1024;

  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of(
      "PULSEBOARD_WS_MAX_FRAME_BYTES", String.valueOf(MAX_FRAME),
      "PULSEBOARD_WS_MAX_SUBSCRIPTIONS", "2",
      "PULSEBOARD_WS_MAX_CONNECTIONS", "3",
      "PULSEBOARD_WS_HEARTBEAT_MS", "200"));

  @Test
  void a_message_over_the_frame_limit_gets_frame_too_large_and_the_socket_keeps_working(Vertx vertx) {
    try (WsClient ws = WsClient.connect(vertx, running.port())) {
      ws.send(new JsonObject().put("op", "ping").put("id", "x".repeat(2 * MAX_FRAME)));
      assertThat(ws.next("error").getString("code")).isEqualTo("frame_too_large");
      ws.send(new JsonObject().put("op", "ping").put("id", 3));
      assertThat(ws.next("pong").getInteger("id")).isEqualTo(3);
    }
  }

  @Test
  void a_fragmented_message_over_four_times_the_limit_closes_the_socket_with_1009(Vertx vertx) {
    try (WsClient ws = WsClient.connect(vertx, running.port())) {
      String part = "x".repeat(MAX_FRAME);
      ws.socket().writeFrame(WebSocketFrame.textFrame("{\"op\":\"ping\",\"id\":\"" + part, false));
      for (int i = 0; i < 5; i++) {
        ws.socket().writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(part), false));
      }
      assertThat(ws.awaitClose()).isEqualTo((short) 1009);
    }
  }

  @Test
  void a_binary_frame_gets_a_bad_frame_error(Vertx vertx) {
    try (WsClient ws = WsClient.connect(vertx, running.port())) {
      ws.socket().writeBinaryMessage(Buffer.buffer("{\"op\":\"ping\"}")).await();
      assertThat(ws.next("error").getString("code")).isEqualTo("bad_frame");
    }
  }

  @Test
  void a_subscription_over_the_limit_gets_too_many_subscriptions(Vertx vertx) {
    try (WsClient ws = WsClient.connect(vertx, running.port())) {
      ws.send(new JsonObject().put("op", "subscribe").put("metrics", new JsonArray().add("offices").add("weekly_users")));
      ws.next("snapshot");
      ws.send(new JsonObject().put("op", "subscribe").put("metrics", new JsonArray().add("weekly_users_yoy")));
      assertThat(ws.next("error").getString("code")).isEqualTo("too_many_subscriptions");
      ws.send(new JsonObject().put("op", "ping").put("id", 4));
      assertThat(ws.next("pong").getInteger("id")).isEqualTo(4);
    }
  }

  @Test
  void the_server_pings_at_the_heartbeat_interval(Vertx vertx) {
    try (WsClient ws = WsClient.connect(vertx, running.port())) {
      Promise<Void> pinged = Promise.promise();
      ws.socket().frameHandler(frame -> {
        if (frame.isPing()) {
          pinged.tryComplete();
        }
      });
      pinged.future().timeout(WsClient.WAIT_SECONDS, TimeUnit.SECONDS).await();
    }
  }

  @Test
  void a_connection_over_the_limit_is_closed_with_1013(Vertx vertx) {
    try (WsClient a = WsClient.connect(vertx, running.port());
        WsClient b = WsClient.connect(vertx, running.port());
        WsClient c = WsClient.connect(vertx, running.port());
        WsClient d = WsClient.open(vertx, running.port(), new io.vertx.core.http.WebSocketConnectOptions().setURI("/ws"))) {
      assertThat(d.awaitClose()).isEqualTo((short) 1013);
    }
  }
}
