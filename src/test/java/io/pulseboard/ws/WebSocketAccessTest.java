package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class WebSocketAccessTest {
  private static final String READ_TOKEN = "test-read-token-0123456789";
  private static String db;
  private static Pulseboard open;
  private static Pulseboard guarded;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    open = TestApp.start(db, Map.of());
    guarded = TestApp.start(db, Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN,
        "PULSEBOARD_ALLOWED_ORIGINS", "https://board.example.com"));
  }

  @AfterAll
  static void stop() throws Exception {
    open.close();
    guarded.close();
  }

  private static WebSocketConnectOptions ws(String origin) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setURI("/ws").setAllowOriginHeader(origin != null);
    return origin == null ? options : options.putHeader("Origin", origin);
  }

  private static String helloOrClose(WsClient client) {
    try (client) {
      return client.next().getString("op");
    } catch (AssertionError e) {
      return "closed " + client.awaitClose();
    }
  }

  @Test
  void a_foreign_origin_is_closed_with_1008_by_default(Vertx vertx) {
    try (WsClient c = WsClient.open(vertx, open.port(), ws("https://evil.example.net"))) {
      assertThat(c.awaitClose()).isEqualTo((short) 1008);
    }
  }

  @Test
  void the_same_origin_is_accepted_by_default(Vertx vertx) {
    assertThat(helloOrClose(WsClient.open(vertx, open.port(), ws("http://127.0.0.1:" + open.port()))))
        .isEqualTo("hello");
  }

  @Test
  void a_client_without_origin_is_accepted(Vertx vertx) {
    assertThat(helloOrClose(WsClient.open(vertx, open.port(), ws(null)))).isEqualTo("hello");
  }

  @Test
  void an_origin_on_the_allowed_list_is_accepted(Vertx vertx) {
    WebSocketConnectOptions options = ws("https://board.example.com").setURI("/ws?token=" + READ_TOKEN);
    assertThat(helloOrClose(WsClient.open(vertx, guarded.port(), options))).isEqualTo("hello");
  }

  @Test
  void an_origin_off_the_allowed_list_is_closed_with_1008(Vertx vertx) {
    WebSocketConnectOptions options = ws("http://127.0.0.1:" + guarded.port()).setURI("/ws?token=" + READ_TOKEN);
    try (WsClient c = WsClient.open(vertx, guarded.port(), options)) {
      assertThat(c.awaitClose()).isEqualTo((short) 1008);
    }
  }

  @Test
  void without_the_read_token_the_socket_is_closed_with_1008(Vertx vertx) {
    try (WsClient c = WsClient.open(vertx, guarded.port(), ws(null))) {
      assertThat(c.awaitClose()).isEqualTo((short) 1008);
    }
  }

  @Test
  void a_wrong_token_is_closed_with_1008(Vertx vertx) {
    try (WsClient c = WsClient.open(vertx, guarded.port(), ws(null).setURI("/ws?token=not-the-right-token-000"))) {
      assertThat(c.awaitClose()).isEqualTo((short) 1008);
    }
  }

  @Test
  void the_read_token_is_accepted_as_a_bearer_header(Vertx vertx) {
    WebSocketConnectOptions options = ws(null).addHeader("Authorization", "Bearer " + READ_TOKEN);
    assertThat(helloOrClose(WsClient.open(vertx, guarded.port(), options))).isEqualTo("hello");
  }

  @Test
  void an_upgrade_on_another_path_is_refused_with_404(Vertx vertx) {
    assertThatThrownBy(() -> WsClient.open(vertx, open.port(), ws(null).setURI("/api/v1/metrics")))
        .isInstanceOf(UpgradeRejectedException.class)
        .satisfies(e -> assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(404));
  }

  @Test
  void shutdown_closes_sockets_with_1001(Vertx vertx) throws Exception {
    Pulseboard closing = TestApp.start(db, Map.of());
    WsClient c = WsClient.connect(vertx, closing.port());
    closing.close();
    assertThat(c.awaitClose()).isEqualTo((short) 1001);
    c.close();
  }
}
