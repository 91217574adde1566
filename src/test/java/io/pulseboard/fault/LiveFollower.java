package io.pulseboard.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A WebSocket client that follows {@link Batch#METRIC} as the dashboard does: it keeps every
 * change it is sent, subscribes again with {@code since} after an {@code unavailable} error, and
 * reconnects and resumes with {@code since} after its socket closes.
 */
final class LiveFollower implements AutoCloseable {
  private static final long RETRY_MS = 250;

  private final Vertx vertx;
  private final int port;
  private final WebSocketClient client;
  private final List<JsonObject> items = new ArrayList<>();
  private final List<String> otherErrors = new ArrayList<>();
  private ClientWebSocket ws;
  private long seq = -1;
  private int resets;
  private int unavailableErrors;
  private int connections;
  private boolean closing;

  LiveFollower(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(64 * 1024 * 1024)
        .setMaxFrameSize(16 * 1024 * 1024));
    connect();
  }

  /** Blocks until the first snapshot came; fails after the timeout. */
  void awaitSubscribed(long timeoutSeconds) throws InterruptedException {
    await(() -> seq >= 0, timeoutSeconds, "a snapshot");
  }

  /** Blocks until the client has everything up to this seq; fails after the timeout. */
  void awaitSeq(long wanted, long timeoutSeconds) throws InterruptedException {
    await(() -> seq >= wanted, timeoutSeconds, "changes up to seq " + wanted);
  }

  /** Blocks until a subscribe was answered {@code unavailable}; fails after the timeout. */
  void awaitUnavailableError(long timeoutSeconds) throws InterruptedException {
    await(() -> unavailableErrors > 0, timeoutSeconds, "an unavailable error frame");
  }

  /** Closes the socket from the client's side, as a lost connection would; it then reconnects and resumes. */
  void drop() {
    ClientWebSocket socket;
    synchronized (this) {
      socket = ws;
    }
    socket.close();
  }

  /** Every change item received, in order of arrival. */
  synchronized List<JsonObject> items() {
    return List.copyOf(items);
  }

  /** Snapshots received with {@code reset:true}: a resume that could not be served. */
  synchronized int resets() {
    return resets;
  }

  synchronized int connections() {
    return connections;
  }

  /** Error frames other than {@code unavailable}. */
  synchronized List<String> otherErrors() {
    return List.copyOf(otherErrors);
  }

  @Override
  public void close() {
    synchronized (this) {
      closing = true;
    }
    client.close().await();
  }

  /** One socket at a time: only the current one's end leads to a new one, so no change comes twice by two sockets. */
  private void connect() {
    ClientWebSocket socket = client.webSocket();
    synchronized (this) {
      ws = socket;
    }
    socket.textMessageHandler(text -> frame(socket, new JsonObject(text)));
    socket.closeHandler(v -> reconnectIfCurrent(socket));
    socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
        .onSuccess(v -> opened())
        .onFailure(e -> reconnectIfCurrent(socket));
  }

  private synchronized void opened() {
    connections++;
  }

  private void reconnectIfCurrent(ClientWebSocket socket) {
    synchronized (this) {
      if (socket != ws) {
        return;
      }
      ws = null;
    }
    later(this::connect);
  }

  private void frame(ClientWebSocket socket, JsonObject frame) {
    switch (frame.getString("op")) {
      case "hello" -> subscribe(socket);
      case "snapshot" -> received(frame.getLong("seq"), new JsonArray(), frame.getBoolean("reset", false));
      case "update" -> received(frame.getLong("seq"), frame.getJsonArray("items"), false);
      case "error" -> refused(socket, frame);
      default -> { }
    }
  }

  private synchronized void received(long frameSeq, JsonArray changes, boolean reset) {
    changes.forEach(item -> items.add((JsonObject) item));
    seq = frameSeq;
    if (reset) {
      resets++;
    }
    notifyAll();
  }

  private void refused(ClientWebSocket socket, JsonObject frame) {
    synchronized (this) {
      if (!"unavailable".equals(frame.getString("code"))) {
        otherErrors.add(frame.encode());
        return;
      }
      unavailableErrors++;
      notifyAll();
    }
    later(() -> subscribe(socket));
  }

  private void subscribe(ClientWebSocket socket) {
    JsonObject subscribe = new JsonObject().put("op", "subscribe").put("metrics", new JsonArray().add(Batch.METRIC));
    synchronized (this) {
      if (seq >= 0) {
        subscribe.put("since", seq);
      }
    }
    if (!socket.isClosed()) {
      socket.writeTextMessage(subscribe.encode());
    }
  }

  private void later(Runnable action) {
    synchronized (this) {
      if (closing) {
        return;
      }
    }
    vertx.setTimer(RETRY_MS, id -> action.run());
  }

  private synchronized void await(BooleanSupplier done, long timeoutSeconds, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (!done.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      assertThat(left).as("%s within %d s (seq %d, %d items)", what, timeoutSeconds, seq, items.size()).isPositive();
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }
}
