package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pulseboard.db.Event;
import io.pulseboard.db.Metric;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Coverage-guided fuzzing of the client side of the protocol. {@code ./mvnw verify} replays the
 * inputs under {@code ClientMessageFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class ClientMessageFuzzTest {
  private static final Set<String> CODES = Set.of(Frames.BAD_FRAME, Frames.UNKNOWN_OP);
  private static final int MAX_BYTES = 4096;

  /** Any text parses into a message that keeps the rules, or is refused with a protocol error; nothing else. */
  @FuzzTest(maxDuration = "30s")
  void parsing_any_text_gives_a_valid_message_or_a_protocol_error(FuzzedDataProvider data) {
    check(data.consumeRemainingAsString());
  }

  /** Any bytes as a text frame: not UTF-8 asks to close, else the text goes to the parser as above. */
  @FuzzTest(maxDuration = "30s")
  void reading_any_bytes_as_a_text_frame_closes_or_parses(FuzzedDataProvider data) {
    boolean fragmented = data.consumeBoolean();
    byte[] bytes = data.consumeRemainingAsBytes();
    Inbound inbound = new Inbound(MAX_BYTES, 4 * MAX_BYTES, new Inbound.Listener() {
      @Override
      public void message(String text) {
        check(text);
      }

      @Override
      public void refused(ProtocolError error) {
        assertThat(bytes.length).isGreaterThan(MAX_BYTES);
      }

      @Override
      public void tooBig() {
        throw new AssertionError("a single message under the hard limit");
      }

      @Override
      public void notUtf8() {
        assertThat(Buffer.buffer(bytes).toString()).as("lenient decoding needed a replacement").contains("\uFFFD");
      }
    });
    // The public API makes text frames from Strings only: the bytes come as continuations.
    int split = fragmented ? bytes.length / 2 : 0;
    inbound.frame(WebSocketFrame.textFrame("", false));
    inbound.frame(WebSocketFrame.continuationFrame(Buffer.buffer(bytes).getBuffer(0, split), false));
    inbound.frame(WebSocketFrame.continuationFrame(Buffer.buffer(bytes).getBuffer(split, bytes.length), true));
  }

  private static void check(String text) {
    ClientMessage message;
    try {
      message = ClientMessage.parse(text);
    } catch (ProtocolError e) {
      assertThat(CODES).contains(e.code());
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    message.dispatch(new ClientMessage.Handler() {
      @Override
      public void ping(ClientMessage.Ping ping) {
        assertThat(ping.hasId() || ping.id() == null).isTrue();
      }

      @Override
      public void subscribe(ClientMessage.Subscribe subscribe) {
        checkMetrics(subscribe.metrics());
        assertThat(subscribe.labels()).isNotNull();
        subscribe.labels().forEach((k, v) -> assertThat(k).isNotNull());
        assertThat(subscribe.labels().values()).doesNotContainNull();
        assertThat(subscribe.since() == null || subscribe.since() >= 0).as("since %s", subscribe.since()).isTrue();
      }

      @Override
      public void unsubscribe(ClientMessage.Unsubscribe unsubscribe) {
        checkMetrics(unsubscribe.metrics());
      }

      @Override
      public void watch(ClientMessage.Watch watch) {
        checkTopics(watch.topics());
        assertThat(watch.since() == null || watch.since() >= 0).as("since %s", watch.since()).isTrue();
      }

      @Override
      public void unwatch(ClientMessage.Unwatch unwatch) {
        checkTopics(unwatch.topics());
      }
    });
  }

  /** Null (every topic) or a non-empty list of distinct known topics. */
  private static void checkTopics(List<String> topics) {
    if (topics == null) {
      return;
    }
    assertThat(topics).isNotEmpty();
    assertThat(new HashSet<>(topics)).hasSameSizeAs(topics);
    assertThat(Event.TOPICS).containsAll(topics);
  }

  /** Null (every metric) or a non-empty list of distinct metric ids. */
  private static void checkMetrics(List<String> metrics) {
    if (metrics == null) {
      return;
    }
    assertThat(metrics).isNotEmpty();
    assertThat(new HashSet<>(metrics)).hasSameSizeAs(metrics);
    metrics.forEach(id -> assertThat(Metric.ID.matcher(id).matches()).as(id).isTrue());
  }
}
