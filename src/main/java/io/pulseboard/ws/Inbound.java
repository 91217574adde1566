package io.pulseboard.ws;

import io.pulseboard.input.InputText;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;

/**
 * Reassembles client messages from frames under the size limits: a message above the frame limit
 * is dropped with a {@code frame_too_large} error and the socket stays usable; a fragmented one
 * growing past the hard limit closes the socket with 1009, as the server will not read it. A text
 * message that is not UTF-8 is refused as RFC 6455 requires (the listener closes with 1007):
 * decoding it leniently would turn distinct byte strings into one text.
 */
final class Inbound {
  /** What Inbound makes of the frames. */
  interface Listener {
    /** A whole text message, decoded. */
    void message(String text);

    /** A message refused with an error frame; the socket stays open. */
    void refused(ProtocolError error);

    /** A message past the hard limit: the socket must close with 1009. */
    void tooBig();

    /** A text message that is not UTF-8: the socket must close with 1007. */
    void notUtf8();
  }

  private final int maxBytes;
  private final int hardBytes;
  private final Listener listener;
  private Buffer message;
  private long size;
  private boolean binary;
  private boolean dropping;

  Inbound(int maxBytes, int hardBytes, Listener listener) {
    this.maxBytes = maxBytes;
    this.hardBytes = hardBytes;
    this.listener = listener;
  }

  void frame(WebSocketFrame frame) {
    if (!frame.isText() && !frame.isBinary() && !frame.isContinuation()) {
      return;
    }
    if (!frame.isContinuation()) {
      start(frame.isBinary());
    }
    Buffer data = frame.binaryData();
    size += data.length();
    if (size > hardBytes) {
      message = null;
      listener.tooBig();
      return;
    }
    if (size > maxBytes) {
      message = null;
      dropping = true;
    } else if (!dropping) {
      message.appendBuffer(data);
    }
    if (frame.isFinal()) {
      finish();
    }
  }

  private void start(boolean isBinary) {
    message = Buffer.buffer();
    size = 0;
    binary = isBinary;
    dropping = false;
  }

  private void finish() {
    Buffer done = message;
    message = null;
    if (dropping) {
      listener.refused(new ProtocolError(Frames.FRAME_TOO_LARGE,
          "message of " + size + " bytes is over the limit of " + maxBytes));
    } else if (binary) {
      listener.refused(ProtocolError.badFrame("binary frames are not part of the protocol; send JSON text"));
    } else if (done != null) {
      decode(done);
    }
  }

  private void decode(Buffer text) {
    String decoded = InputText.strictUtf8(text.getBytes());
    if (decoded == null) {
      listener.notUtf8();
    } else {
      listener.message(decoded);
    }
  }
}
