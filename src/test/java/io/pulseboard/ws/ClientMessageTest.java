package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientMessageTest {
  private static String code(String text) {
    try {
      ClientMessage.parse(text);
    } catch (ProtocolError e) {
      return e.code();
    }
    throw new AssertionError("accepted: " + text);
  }

  @Test
  void parses_each_op_into_its_record() {
    assertThat(ClientMessage.parse("{\"op\":\"ping\",\"id\":7}")).isEqualTo(new ClientMessage.Ping(true, 7));
    assertThat(ClientMessage.parse("{\"op\":\"ping\"}")).isEqualTo(new ClientMessage.Ping(false, null));
    assertThat(ClientMessage.parse("{\"op\":\"ping\",\"id\":null}")).isEqualTo(new ClientMessage.Ping(true, null));
    assertThat(ClientMessage.parse(
        "{\"op\":\"subscribe\",\"metrics\":[\"offices\",\"offices\",\"weekly_users\"],\"labels\":{\"region\":\"kr\"},"
            + "\"since\":5}"))
        .isEqualTo(new ClientMessage.Subscribe(List.of("offices", "weekly_users"), Map.of("region", "kr"), 5L));
    assertThat(ClientMessage.parse("{\"op\":\"subscribe\",\"metrics\":\"*\"}"))
        .isEqualTo(new ClientMessage.Subscribe(null, Map.of(), null));
    assertThat(ClientMessage.parse("{\"op\":\"unsubscribe\"}")).isEqualTo(new ClientMessage.Unsubscribe(null));
    assertThat(ClientMessage.parse("{\"op\":\"unsubscribe\",\"metrics\":[\"offices\"]}"))
        .isEqualTo(new ClientMessage.Unsubscribe(List.of("offices")));
  }

  @Test
  void a_whole_number_since_may_be_written_as_a_decimal() {
    assertThat(((ClientMessage.Subscribe) ClientMessage.parse("{\"op\":\"subscribe\",\"metrics\":\"*\",\"since\":1e3}"))
        .since()).isEqualTo(1000L);
  }

  @Test
  void refuses_frames_that_are_not_an_op_object_as_bad_frame() {
    for (String text : List.of("", "nope", "[1]", "\"ping\"", "{}", "{\"op\":1}", "{\"op\":\"ping\"} x")) {
      assertThat(code(text)).as(text).isEqualTo("bad_frame");
    }
  }

  @Test
  void refuses_an_unknown_op() {
    assertThat(code("{\"op\":\"publish\"}")).isEqualTo("unknown_op");
  }

  @Test
  void refuses_subscribe_fields_of_the_wrong_shape_as_bad_frame() {
    for (String fields : List.of("", ",\"metrics\":[]", ",\"metrics\":\"offices\"", ",\"metrics\":[\"Bad-Id\"]",
        ",\"metrics\":[1]", ",\"metrics\":\"*\",\"labels\":[]", ",\"metrics\":\"*\",\"labels\":{\"region\":1}",
        ",\"metrics\":\"*\",\"since\":-1", ",\"metrics\":\"*\",\"since\":1.5", ",\"metrics\":\"*\",\"since\":\"5\"",
        ",\"metrics\":\"*\",\"since\":18446744073709551617", ",\"metrics\":\"*\",\"since\":1e300")) {
      assertThat(code("{\"op\":\"subscribe\"" + fields + "}")).as(fields).isEqualTo("bad_frame");
    }
  }

  @Test
  void dispatch_reaches_the_handler_method_of_the_op() {
    StringBuilder calls = new StringBuilder();
    ClientMessage.Handler handler = new ClientMessage.Handler() {
      @Override
      public void ping(ClientMessage.Ping ping) {
        calls.append("ping ");
      }

      @Override
      public void subscribe(ClientMessage.Subscribe subscribe) {
        calls.append("subscribe ");
      }

      @Override
      public void unsubscribe(ClientMessage.Unsubscribe unsubscribe) {
        calls.append("unsubscribe ");
      }

      @Override
      public void watch(ClientMessage.Watch watch) {
        calls.append("watch ");
      }

      @Override
      public void unwatch(ClientMessage.Unwatch unwatch) {
        calls.append("unwatch ");
      }
    };
    for (String op : List.of("unsubscribe", "ping", "subscribe", "watch", "unwatch")) {
      ClientMessage.parse("{\"op\":\"" + op + "\",\"metrics\":\"*\",\"topics\":[\"boards\"]}").dispatch(handler);
    }
    assertThat(calls.toString()).isEqualTo("unsubscribe ping subscribe watch unwatch ");
  }

  @Test
  void watch_takes_known_topics_without_duplicates_and_an_optional_since() {
    ClientMessage.Watch watch = (ClientMessage.Watch) ClientMessage.parse(
        "{\"op\":\"watch\",\"topics\":[\"boards\",\"alerts\",\"boards\"],\"since\":7}");
    assertThat(watch.topics()).containsExactly("boards", "alerts");
    assertThat(watch.since()).isEqualTo(7L);
    assertThat(((ClientMessage.Unwatch) ClientMessage.parse("{\"op\":\"unwatch\"}")).topics()).isNull();
  }

  @Test
  void a_watch_without_a_list_of_known_topics_or_with_a_bad_since_is_a_bad_frame() {
    for (String fields : List.of("", ",\"topics\":[]", ",\"topics\":\"boards\"", ",\"topics\":[\"points\"]",
        ",\"topics\":[1]", ",\"topics\":[\"boards\"],\"since\":-1", ",\"topics\":[\"boards\"],\"since\":\"3\"")) {
      assertThat(code("{\"op\":\"watch\"" + fields + "}")).as(fields).isEqualTo("bad_frame");
    }
    assertThat(code("{\"op\":\"unwatch\",\"topics\":[\"nope\"]}")).isEqualTo("bad_frame");
  }
}
