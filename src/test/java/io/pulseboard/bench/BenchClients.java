package io.pulseboard.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * N WebSocket clients in this JVM. Each point's value is the wall-clock millisecond it was posted
 * at, so a client's latency for an item is its arrival time minus its value. Items are found by
 * scanning for {@code "value":} rather than parsing whole frames, to keep the clients cheap.
 */
final class BenchClients implements AutoCloseable {
  private static final int MAX_MS = 60_000;
  private static final String VALUE = "\"value\":";

  private final WebSocketClient client;
  private final List<ClientWebSocket> sockets = new ArrayList<>();
  private final AtomicLongArray latencyMs = new AtomicLongArray(MAX_MS + 1);
  private final AtomicLong received = new AtomicLong();
  private final AtomicLongArray perClient;

  BenchClients(Vertx vertx, int n) {
    client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(n + 10)
        .setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(16 * 1024 * 1024).setConnectTimeout(60_000));
    perClient = new AtomicLongArray(n);
  }

  /** Connects every client (200 handshakes at a time); with {@code subscribe}, each subscribes to all metrics after hello. */
  void connect(int port, int n, boolean subscribe) throws InterruptedException {
    Semaphore inFlight = new Semaphore(200);
    CountDownLatch ready = new CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      int index = i;
      inFlight.acquire();
      ClientWebSocket ws = client.webSocket();
      Promise<Void> subscribed = Promise.promise();
      ws.textMessageHandler(text -> onText(index, ws, text, subscribe, subscribed));
      ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
          .compose(v -> subscribe ? subscribed.future() : Future.succeededFuture())
          .onComplete(ar -> {
            inFlight.release();
            if (ar.failed()) {
              System.err.println("client " + index + " failed: " + ar.cause());
            }
            ready.countDown();
          });
      synchronized (sockets) {
        sockets.add(ws);
      }
    }
    if (!ready.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("clients did not connect in time");
    }
  }

  private void onText(int index, ClientWebSocket ws, String text, boolean subscribe, Promise<Void> subscribed) {
    long now = System.currentTimeMillis();
    if (text.startsWith("{\"op\":\"hello\"") && subscribe) {
      ws.writeTextMessage("{\"op\":\"subscribe\",\"metrics\":[\"weekly_users\"],\"labels\":{\"region\":\"bench\"}}");
      return;
    }
    if (text.startsWith("{\"op\":\"snapshot\"")) {
      subscribed.tryComplete();
      return;
    }
    int at = text.indexOf(VALUE);
    while (at >= 0) {
      int start = at + VALUE.length();
      int end = start;
      while (end < text.length() && "0123456789.eE+-".indexOf(text.charAt(end)) >= 0) {
        end++;
      }
      long sent = (long) Double.parseDouble(text.substring(start, end));
      latencyMs.incrementAndGet((int) Math.max(0, Math.min(MAX_MS, now - sent)));
      received.incrementAndGet();
      perClient.incrementAndGet(index);
      at = text.indexOf(VALUE, end);
    }
  }

  /** Forgets what was received so far (after a warm-up). */
  void reset() {
    received.set(0);
    for (int i = 0; i < latencyMs.length(); i++) {
      latencyMs.set(i, 0);
    }
    for (int i = 0; i < perClient.length(); i++) {
      perClient.set(i, 0);
    }
  }

  long received() {
    return received.get();
  }

  /** Items a client should have got but did not, summed over all clients. */
  long missing(long published) {
    long missing = 0;
    for (int i = 0; i < perClient.length(); i++) {
      missing += Math.max(0, published - perClient.get(i));
    }
    return missing;
  }

  /** The latency at this quantile (0..1), in ms. */
  long latencyQuantile(double q) {
    long total = 0;
    for (int i = 0; i <= MAX_MS; i++) {
      total += latencyMs.get(i);
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i <= MAX_MS; i++) {
      seen += latencyMs.get(i);
      if (seen >= rank && seen > 0) {
        return i;
      }
    }
    return -1;
  }

  long maxLatency() {
    for (int i = MAX_MS; i >= 0; i--) {
      if (latencyMs.get(i) > 0) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void close() {
    synchronized (sockets) {
      sockets.forEach(ws -> ws.close());
    }
    client.close().await();
  }
}
