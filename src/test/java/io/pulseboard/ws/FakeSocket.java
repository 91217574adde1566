package io.pulseboard.ws;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client socket for unit tests: it keeps every frame written, as JSON, and completes a write
 * (the network "took" it) only when the test says, so blocking and draining are deterministic.
 */
final class FakeSocket implements ClientSocket {
  private final List<JsonObject> frames = new ArrayList<>();
  private final List<Promise<Void>> unsent = new ArrayList<>();
  private final Promise<Short> closed = Promise.promise();
  private boolean networkTakesAtOnce;
  private boolean paused;

  /** A socket whose network takes every write at once: never blocks. */
  static FakeSocket fast() {
    FakeSocket socket = new FakeSocket();
    socket.networkTakesAtOnce = true;
    return socket;
  }

  /** A socket whose writes complete only through {@link #networkTakesAll()}. */
  static FakeSocket stalled() {
    return new FakeSocket();
  }

  @Override
  public synchronized Future<Void> write(SharedFrame frame) {
    frames.add(new JsonObject(text(frame)));
    Promise<Void> taken = Promise.promise();
    if (networkTakesAtOnce) {
      taken.complete();
    } else {
      unsent.add(taken);
    }
    return taken.future();
  }

  /** Completes every write so far, as a client reading again would. */
  void networkTakesAll() {
    networkTakes(Integer.MAX_VALUE);
  }

  /** Completes the oldest {@code count} writes not yet taken. */
  void networkTakes(int count) {
    List<Promise<Void>> now;
    synchronized (this) {
      List<Promise<Void>> oldest = unsent.subList(0, Math.min(count, unsent.size()));
      now = new ArrayList<>(oldest);
      oldest.clear();
    }
    now.forEach(Promise::complete);
  }

  synchronized List<JsonObject> frames() {
    return List.copyOf(frames);
  }

  /** The frames written so far with this op. */
  synchronized List<JsonObject> frames(String op) {
    return frames.stream().filter(f -> op.equals(f.getString("op"))).toList();
  }

  synchronized void clear() {
    frames.clear();
  }

  @Override
  public boolean isClosed() {
    return closed.future().isComplete();
  }

  @Override
  public void close(short code, String reason) {
    closed.tryComplete(code);
  }

  /** The close code, once closed. */
  Future<Short> closeCode() {
    return closed.future();
  }

  @Override
  public synchronized void pause() {
    paused = true;
  }

  @Override
  public synchronized void resume() {
    paused = false;
  }

  synchronized boolean paused() {
    return paused;
  }

  /** The text a frame puts on the wire, taken through its public write path. */
  static String text(SharedFrame frame) {
    AtomicReference<String> text = new AtomicReference<>();
    WebSocketBase capture = (WebSocketBase) Proxy.newProxyInstance(FakeSocket.class.getClassLoader(),
        new Class<?>[] {WebSocketBase.class}, (proxy, method, args) -> {
          if (!method.getName().equals("writeFrame")) {
            throw new UnsupportedOperationException(method.getName());
          }
          WebSocketFrame written = (WebSocketFrame) args[0];
          text.set(written.textData());
          return Future.succeededFuture();
        });
    frame.writeTo(capture);
    return text.get();
  }
}
