package io.pulseboard.ws;

/** A client frame the server refuses; becomes an {@code error} frame and the socket stays open. */
final class ProtocolError extends RuntimeException {
  private final String code;

  ProtocolError(String code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  String code() {
    return code;
  }

  static ProtocolError badFrame(String detail) {
    return new ProtocolError(Frames.BAD_FRAME, detail);
  }
}
