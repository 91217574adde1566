package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client for tests: real socket, frames queued as JSON, calls block with a timeout. */
final class WsClient implements FrameSource, AutoCloseable {
  static final long WAIT_SECONDS = 15;

  private final WebSocketClient client;
  private final ClientWebSocket ws;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final Promise<Short> closed = Promise.promise();

  private WsClient(Vertx vertx, WebSocketClientOptions options) {
    client = vertx.createWebSocketClient(options.setMaxFrameSize(16 * 1024 * 1024)
        .setMaxMessageSize(64 * 1024 * 1024));
    ws = client.webSocket();
    ws.textMessageHandler(text -> frames.add(new JsonObject(text)));
    ws.closeHandler(v -> closed.tryComplete(ws.closeStatusCode()));
  }

  /** Connects to {@code /ws} on this port and takes the hello frame. */
  static WsClient connect(Vertx vertx, int port) {
    WsClient c = open(vertx, port, new WebSocketConnectOptions().setURI(LiveHub.PATH));
    assertThat(c.next().getString("op")).isEqualTo("hello");
    return c;
  }

  /** Connects with these options and takes no frame. */
  static WsClient open(Vertx vertx, int port, WebSocketConnectOptions options) {
    WsClient c = new WsClient(vertx, new WebSocketClientOptions());
    try {
      c.ws.connect(options.setHost("127.0.0.1").setPort(port)).await();
    } catch (IllegalStateException e) {
      // The server closed the socket before the client had set it up, and the client then failed
      // its own connect ("WebSocket is closed"): the socket is closed, with the code the server sent.
      if (!c.ws.isClosed()) {
        throw e;
      }
      c.closed.tryComplete(c.ws.closeStatusCode());
    }
    return c;
  }

  void send(JsonObject frame) {
    ws.writeTextMessage(frame.encode()).await();
  }

  void sendText(String text) {
    ws.writeTextMessage(text).await();
  }

  ClientWebSocket socket() {
    return ws;
  }

  /** The next frame; fails after the timeout. */
  JsonObject next() {
    try {
      JsonObject frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(frame).as("a frame within %d s", WAIT_SECONDS).isNotNull();
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The next frame, which must have this op. */
  @Override
  public JsonObject next(String op) {
    JsonObject frame = next();
    assertThat(frame.getString("op")).as("op of %s", frame).isEqualTo(op);
    return frame;
  }

  /** Whether a frame is waiting right now (the server has sent it and it was read). */
  boolean hasFrame() {
    return !frames.isEmpty();
  }

  /** The close code the server sent; fails after the timeout. */
  short awaitClose() {
    return closed.future().timeout(WAIT_SECONDS, TimeUnit.SECONDS).await();
  }

  @Override
  public void close() {
    if (!ws.isClosed()) {
      ws.close().await();
    }
    client.close().await();
  }
}
