package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.RunningApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Inputs that must not cost the server more than they should: bytes that are not UTF-8, subscribe floods. */
@ExtendWith(VertxExtension.class)
class WebSocketHardeningTest {
  private static final int FLOOD = 200;

  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of());

  @Test
  void a_text_frame_that_is_not_utf8_closes_the_socket_with_1007(Vertx vertx) {
    try (RawWsClient ws = new RawWsClient(vertx, running.port())) {
      ws.resume();
      ws.next("hello");
      ws.next("snapshot");
      ws.sendText("{\"op\":\"ping\",\"id\":\"서울\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(ws.next("pong").getString("id")).isEqualTo("서울");
      ByteArrayOutputStream bad = new ByteArrayOutputStream();
      bad.writeBytes("{\"op\":\"ping\",\"id\":\"".getBytes(StandardCharsets.UTF_8));
      bad.write(0xC3); // the first byte of a two-byte character, then a quote instead of its second
      bad.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
      ws.sendText(bad.toByteArray());
      assertThat(ws.awaitClose()).isEqualTo((short) 1007);
    }
  }

  @Test
  void subscribes_past_the_rate_get_rate_limited_errors_and_the_socket_stays_open(Vertx vertx) {
    try (WsClient ws = WsClient.connect(vertx, running.port())) {
      JsonObject subscribe = new JsonObject().put("op", "subscribe").put("metrics", new JsonArray().add("offices"));
      long started = System.nanoTime();
      for (int i = 0; i < FLOOD; i++) {
        ws.send(subscribe);
      }
      int snapshots = 0;
      int limited = 0;
      for (int i = 0; i < FLOOD; i++) {
        JsonObject frame = ws.next();
        if (frame.getString("op").equals("snapshot")) {
          snapshots++;
        } else {
          assertThat(frame.getString("op")).isEqualTo("error");
          assertThat(frame.getString("code")).isEqualTo("rate_limited");
          limited++;
        }
      }
      double seconds = (System.nanoTime() - started) / (double) TimeUnit.SECONDS.toNanos(1);
      assertThat(snapshots).as("the first burst is served").isGreaterThanOrEqualTo(SubscribeRate.PER_SECOND);
      assertThat(snapshots).as("then at most the rate, over %.1f s", seconds)
          .isLessThanOrEqualTo((int) (SubscribeRate.PER_SECOND * (1 + seconds)) + 1);
      assertThat(limited).isEqualTo(FLOOD - snapshots).isPositive();
      ws.send(new JsonObject().put("op", "ping").put("id", 1));
      assertThat(ws.next("pong").getInteger("id")).isEqualTo(1);
    }
  }
}
