package io.pulseboard.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * One JSON text frame, encoded once, whose bytes are shared by every socket it is written to.
 * The public {@code WebSocketFrame.textFrame} takes a String and would encode it again for each
 * socket (and {@code writeTextMessage} likewise), so this builds Vert.x's own frame type, the
 * internal {@code WebSocketFrameImpl}, around a read-only view of the shared bytes.
 *
 * <p>Checked against Vert.x 5.0.7: the write takes the frame's {@code ByteBuf} as is and releases
 * it once sent. {@code SharedFrameTest} fails if an upgrade changes that (the class moves, the
 * bytes differ between sockets, or a write consumes or frees the shared bytes).
 */
final class SharedFrame {
  private final ByteBuf bytes;

  private SharedFrame(ByteBuf bytes) {
    this.bytes = bytes;
  }

  static SharedFrame of(JsonObject json) {
    return of(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** A frame of these UTF-8 bytes, which it takes over: they must not change afterwards. */
  static SharedFrame of(byte[] utf8) {
    return new SharedFrame(Unpooled.wrappedBuffer(utf8));
  }

  int size() {
    return bytes.readableBytes();
  }

  /** Writes the frame; the future completes once it is handed to the network. */
  Future<Void> writeTo(WebSocketBase ws) {
    // Each write gets its own indexes over the same bytes; unreleasable, as writers release frames.
    ByteBuf view = Unpooled.unreleasableBuffer(bytes.duplicate());
    return ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, view, true));
  }
}
