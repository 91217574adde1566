package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundTest {
  private static final int MAX = 16;

  /** What the listener heard, one line per event. */
  private final List<String> heard = new ArrayList<>();
  private final Inbound inbound = new Inbound(MAX, 4 * MAX, new Inbound.Listener() {
    @Override
    public void message(String text) {
      heard.add("message " + text);
    }

    @Override
    public void refused(ProtocolError error) {
      heard.add("refused " + error.code());
    }

    @Override
    public void tooBig() {
      heard.add("too big");
    }

    @Override
    public void notUtf8() {
      heard.add("not utf-8");
    }
  });

  private static WebSocketFrame more(String text, boolean last) {
    return WebSocketFrame.continuationFrame(Buffer.buffer(text), last);
  }

  @Test
  void a_text_frame_is_one_message() {
    inbound.frame(WebSocketFrame.textFrame("{\"op\":\"ping\"}", true));
    assertThat(heard).containsExactly("message {\"op\":\"ping\"}");
  }

  @Test
  void fragments_join_into_one_message_even_when_a_character_is_split_between_them() {
    byte[] korean = "서울".getBytes(StandardCharsets.UTF_8);
    inbound.frame(WebSocketFrame.textFrame("a", false));
    inbound.frame(WebSocketFrame.continuationFrame(Buffer.buffer(korean).getBuffer(0, 2), false));
    inbound.frame(WebSocketFrame.continuationFrame(Buffer.buffer(korean).getBuffer(2, korean.length), true));
    assertThat(heard).containsExactly("message a서울");
  }

  @Test
  void a_message_over_the_limit_is_refused_whole_and_the_next_one_is_read() {
    inbound.frame(WebSocketFrame.textFrame("x".repeat(MAX), false));
    inbound.frame(more("y", true));
    inbound.frame(WebSocketFrame.textFrame("ok", true));
    assertThat(heard).containsExactly("refused frame_too_large", "message ok");
  }

  @Test
  void a_message_over_the_hard_limit_asks_to_close() {
    inbound.frame(WebSocketFrame.textFrame("x".repeat(MAX), false));
    for (int i = 0; i < 4; i++) {
      inbound.frame(more("x".repeat(MAX), false));
    }
    assertThat(heard).containsExactly("too big");
  }

  @Test
  void a_binary_message_is_refused_as_a_bad_frame() {
    inbound.frame(WebSocketFrame.binaryFrame(Buffer.buffer("{}"), true));
    assertThat(heard).containsExactly("refused bad_frame");
  }

  @Test
  void text_that_is_not_utf8_asks_to_close_instead_of_being_read() {
    // A lone continuation byte, an overlong '/', and an encoded UTF-16 surrogate: all invalid UTF-8.
    byte[][] invalid = {{'"', (byte) 0x80, '"'}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
    for (byte[] bad : invalid) {
      inbound.frame(WebSocketFrame.textFrame("", false));
      inbound.frame(WebSocketFrame.continuationFrame(Buffer.buffer(bad), true));
    }
    assertThat(heard).containsExactly("not utf-8", "not utf-8", "not utf-8");
  }

  @Test
  void control_frames_are_not_messages() {
    inbound.frame(WebSocketFrame.pingFrame(Buffer.buffer("x")));
    assertThat(heard).isEmpty();
  }
}
