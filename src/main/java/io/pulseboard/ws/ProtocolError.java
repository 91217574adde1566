package io.pulseboard.ws;

/** A client frame the server refuses; becomes an {@code error} frame and the socket stays open. */
final class ProtocolError extends RuntimeException {
  private final String code;
  private final String missingScope;

  ProtocolError(String code, String detail) {
    this(code, detail, null);
  }

  private ProtocolError(String code, String detail, String missingScope) {
    super(detail, null, false, false);
    this.code = code;
    this.missingScope = missingScope;
  }

  String code() {
    return code;
  }

  /** The scope whose lack refused the frame, or null. */
  String missingScope() {
    return missingScope;
  }

  /** A frame refused because the token lacks the scope {@code read}. */
  static ProtocolError lacksRead(String detail) {
    return new ProtocolError(Frames.FORBIDDEN, detail, "read");
  }

  static ProtocolError badFrame(String detail) {
    return new ProtocolError(Frames.BAD_FRAME, detail);
  }
}
