package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link SharedFrame} builds Vert.x's internal frame type around shared bytes (checked on Vert.x
 * 5.0.7). If an upgrade changes how a written frame's buffer is used, this fails: every socket must
 * get exactly the encoded bytes, as one final text frame, and writing must neither consume nor free
 * the shared bytes, so the same frame can be written again and again.
 */
@ExtendWith(VertxExtension.class)
class SharedFrameTest {
  @Test
  void one_frame_written_to_two_sockets_twice_gives_each_the_same_bytes_every_time(Vertx vertx) throws Exception {
    BlockingQueue<ServerWebSocket> accepted = new LinkedBlockingQueue<>();
    HttpServer server = vertx.createHttpServer().webSocketHandler(accepted::add).listen(0, "127.0.0.1").await();
    WebSocketClient client = vertx.createWebSocketClient();
    BlockingQueue<Buffer> received = new LinkedBlockingQueue<>();
    List<String> kinds = new CopyOnWriteArrayList<>();
    List<ClientWebSocket> clients = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ClientWebSocket ws = client.webSocket();
      ws.frameHandler(frame -> {
        if (frame.isText() || frame.isBinary() || frame.isContinuation()) {
          kinds.add(frame.type() + (frame.isFinal() ? " final" : ""));
          received.add(frame.binaryData().copy());
        }
      });
      ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.actualPort()).setURI("/")).await();
      clients.add(ws);
    }
    List<ServerWebSocket> sockets = List.of(poll(accepted), poll(accepted));
    JsonObject json = new JsonObject().put("op", "update").put("text", "서울 offices ✓").put("seq", 7);
    SharedFrame frame = SharedFrame.of(json);
    int size = frame.size();

    for (int round = 0; round < 2; round++) {
      for (ServerWebSocket ws : sockets) {
        frame.writeTo(ws).await();
      }
    }

    byte[] expected = json.encode().getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 4; i++) {
      assertThat(poll(received).getBytes()).as("frame %d", i).isEqualTo(expected);
    }
    assertThat(kinds).containsExactly("TEXT final", "TEXT final", "TEXT final", "TEXT final");
    assertThat(frame.size()).as("the shared bytes are not consumed by writes").isEqualTo(size);
    assertThat(FakeSocket.text(frame)).as("nor freed").isEqualTo(json.encode());
    client.close().await();
    server.close().await();
  }

  private static <T> T poll(BlockingQueue<T> queue) throws InterruptedException {
    T next = queue.poll(10, TimeUnit.SECONDS);
    assertThat(next).as("within 10 s").isNotNull();
    return next;
  }
}
