package io.pulseboard.ws;

import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;

/**
 * What the protocol does with a client's socket: write shared frames, pause and resume reading,
 * close with a code. Production sockets are Vert.x {@link ServerWebSocket}s ({@link #of}); the
 * unit tests of the outbox and the session use a fake whose writes complete when they say.
 */
interface ClientSocket {
  /** Writes the frame; the future completes once the network has taken it. */
  Future<Void> write(SharedFrame frame);

  boolean isClosed();

  void close(short code, String reason);

  /** Stops reading client frames until {@link #resume()}. */
  void pause();

  void resume();

  static ClientSocket of(ServerWebSocket ws) {
    return new ClientSocket() {
      @Override
      public Future<Void> write(SharedFrame frame) {
        return frame.writeTo(ws);
      }

      @Override
      public boolean isClosed() {
        return ws.isClosed();
      }

      @Override
      public void close(short code, String reason) {
        ws.close(code, reason);
      }

      @Override
      public void pause() {
        ws.pause();
      }

      @Override
      public void resume() {
        ws.resume();
      }
    };
  }
}
