package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client on a bare TCP socket, for a client that truly stops reading: pausing it
 * stops reads from the kernel, so the server's writes back up as they would for a stuck browser.
 */
final class RawWsClient implements FrameSource, AutoCloseable {
  private final NetClient client;
  private final NetSocket socket;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final Promise<Short> closed = Promise.promise();
  private final Promise<Void> accepted = Promise.promise();
  private Buffer pending = Buffer.buffer();
  private boolean upgraded;

  /** Connects to {@code /ws}, sends a subscribe to every metric once accepted, then stops reading. */
  RawWsClient(Vertx vertx, int port) {
    client = vertx.createNetClient(new NetClientOptions().setReceiveBufferSize(4096));
    socket = client.connect(port, "127.0.0.1").await();
    socket.handler(this::received);
    socket.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").await();
    accepted.future().timeout(WsClient.WAIT_SECONDS, TimeUnit.SECONDS).await();
    sendText(new JsonObject().put("op", "subscribe").put("metrics", "*").encode());
  }

  /** Starts reading again. */
  void resume() {
    socket.resume();
  }

  @Override
  public JsonObject next(String op) {
    try {
      JsonObject frame = frames.poll(WsClient.WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(frame).as("a frame within %d s", WsClient.WAIT_SECONDS).isNotNull();
      assertThat(frame.getString("op")).isEqualTo(op);
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  short awaitClose() {
    return closed.future().timeout(WsClient.WAIT_SECONDS, TimeUnit.SECONDS).await();
  }

  private void sendText(String text) {
    sendText(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends these bytes as one text frame, whether they are UTF-8 or not. */
  void sendText(byte[] payload) {
    assertThat(payload.length).isLessThan(126);
    // A masked text frame with an all-zero mask: the payload goes as is.
    Buffer frame = Buffer.buffer().appendByte((byte) 0x81).appendByte((byte) (0x80 | payload.length))
        .appendInt(0).appendBytes(payload);
    socket.write(frame).await();
  }

  private void received(Buffer data) {
    pending = pending.appendBuffer(data);
    if (!upgraded) {
      int end = pending.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
      if (end < 0) {
        return;
      }
      upgraded = true;
      pending = pending.getBuffer(end + 4, pending.length());
      socket.pause();
      accepted.complete();
    }
    while (parseFrame()) {
      // one frame taken per round
    }
  }

  private boolean parseFrame() {
    if (pending.length() < 2) {
      return false;
    }
    int opcode = pending.getByte(0) & 0x0f;
    int len = pending.getByte(1) & 0x7f;
    int header = 2;
    long length = len;
    if (len == 126) {
      header = 4;
      length = pending.length() < 4 ? -1 : pending.getUnsignedShort(2);
    } else if (len == 127) {
      header = 10;
      length = pending.length() < 10 ? -1 : pending.getLong(2);
    }
    if (length < 0 || pending.length() < header + length) {
      return false;
    }
    Buffer payload = pending.getBuffer(header, header + (int) length);
    pending = pending.getBuffer(header + (int) length, pending.length());
    if (opcode == 0x1) {
      frames.add(new JsonObject(payload));
    } else if (opcode == 0x8) {
      closed.tryComplete(payload.length() >= 2 ? payload.getShort(0) : (short) 1005);
    }
    return true;
  }

  @Override
  public void close() {
    socket.close();
    client.close().await();
  }
}
