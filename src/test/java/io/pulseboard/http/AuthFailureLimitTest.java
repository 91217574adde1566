package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pulseboard.RunningApp;
import io.pulseboard.TestApp;
import io.pulseboard.telemetry.Exposition;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Guessing tokens is slowed per client address: with PULSEBOARD_AUTH_FAILURE_LIMIT=2 an address
 * may fail 4 times at once, then its requests with tokens get 429 with Retry-After, on HTTP and
 * at the /ws handshake, while a client with a right token from another loopback address is not
 * slowed. Each test guesses from an address of its own.
 */
@ExtendWith(VertxExtension.class)
class AuthFailureLimitTest {
  private static final String READ_TOKEN = "read-token-for-tests-0123";
  private static final int BURST = 4;
  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN,
      "PULSEBOARD_AUTH_FAILURE_LIMIT", "2"));

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void capture() {
    log.start();
    root.addAppender(log);
  }

  @AfterEach
  void release() {
    root.detachAppender(log);
  }

  @Test
  void wrong_tokens_past_the_burst_get_429_with_retry_after_and_a_right_token_elsewhere_is_not_slowed(Vertx vertx) {
    WebClient guesser = client(vertx, "127.0.0.3");
    WebClient reader = client(vertx, "127.0.0.2");
    List<Integer> statuses = new ArrayList<>();
    HttpResponse<Buffer> last = null;
    for (int i = 0; i < BURST + 3; i++) {
      last = get(guesser, "/api/v1/metrics", "pb_wrong-guess-number-" + i);
      statuses.add(last.statusCode());
    }
    assertThat(statuses.subList(0, BURST)).containsOnly(403);
    assertThat(statuses.subList(BURST, statuses.size())).containsOnly(429);
    assertThat(last.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(Integer.parseInt(last.getHeader("Retry-After"))).isBetween(1, 2);
    assertThat(last.bodyAsJsonObject().getString("type")).isEqualTo("urn:pulseboard:problem:too-many-requests");
    // While the guesser's address is over the limit even a right token from it waits:
    // otherwise a right guess could be told from a wrong one at any speed.
    assertThat(get(guesser, "/api/v1/metrics", READ_TOKEN).statusCode()).isEqualTo(429);
    // A request without a token is not a guess: it is answered as before.
    assertThat(get(guesser, "/api/v1/metrics", null).statusCode()).isEqualTo(401);

    for (int i = 0; i < 20; i++) {
      assertThat(get(reader, "/api/v1/metrics", READ_TOKEN).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void a_right_token_is_never_counted(Vertx vertx) {
    WebClient reader = client(vertx, "127.0.0.4");
    for (int i = 0; i < 5 * BURST; i++) {
      assertThat(get(reader, "/api/v1/metrics", READ_TOKEN).statusCode()).isEqualTo(200);
    }
    // A read token on a write route is a right token without the right: refused, not counted.
    for (int i = 0; i < 2 * BURST; i++) {
      assertThat(reader.post(running.port(), "127.0.0.1", "/api/v1/annotations")
          .putHeader("Authorization", "Bearer " + READ_TOKEN).putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer("{\"ts\":\"2026-01-01T00:00:00Z\",\"title\":\"x\"}")).await().statusCode())
          .isEqualTo(403);
    }
    assertThat(get(reader, "/api/v1/metrics", "pb_one-wrong-guess-after-all").statusCode()).isEqualTo(403);
  }

  @Test
  void the_websocket_handshake_is_limited_too(Vertx vertx) {
    String guesser = "127.0.0.5";
    for (int i = 0; i < BURST; i++) {
      Throwable refused = connect(vertx, guesser, "pb_wrong-socket-guess-" + i).cause();
      assertThat(refused).as("attempt %d", i).isNull();
    }
    Throwable limited = connect(vertx, guesser, "pb_wrong-socket-guess-again").cause();
    assertThat(limited).isInstanceOf(UpgradeRejectedException.class);
    assertThat(((UpgradeRejectedException) limited).getStatus()).isEqualTo(429);
    assertThat(connect(vertx, "127.0.0.6", READ_TOKEN).succeeded()).isTrue();
  }

  @Test
  void failures_and_refusals_are_counted_and_logged_once_without_the_token(Vertx vertx) {
    WebClient guesser = client(vertx, "127.0.0.7");
    String secret = "pb_secret-guess-that-must-not-be-logged";
    for (int i = 0; i < BURST + 5; i++) {
      get(guesser, "/api/v1/metrics", secret + i);
    }
    Exposition scrape = new Exposition(get(client(vertx, "127.0.0.2"), "/metrics", TestApp.ADMIN_TOKEN).bodyAsString());
    assertThat(sample(scrape, "pulseboard_auth_failures_total")).isGreaterThanOrEqualTo(BURST);
    assertThat(sample(scrape, "pulseboard_auth_rate_limited_total")).isGreaterThanOrEqualTo(5);
    List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines.stream().filter(l -> l.contains("127.0.0.7"))).hasSize(1);
    assertThat(lines).noneMatch(l -> l.contains(secret) || l.contains(READ_TOKEN) || l.contains(TestApp.ADMIN_TOKEN));
  }

  private static double sample(Exposition scrape, String family) {
    List<String> lines = scrape.lines(family);
    assertThat(lines).as(family).hasSize(1);
    return Double.parseDouble(lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1));
  }

  private static WebClient client(Vertx vertx, String localAddress) {
    return WebClient.create(vertx, new WebClientOptions().setLocalAddress(localAddress));
  }

  private static HttpResponse<Buffer> get(WebClient client, String path, String token) {
    var request = client.get(running.port(), "127.0.0.1", path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request.send().await();
  }

  /** Opens /ws from {@code localAddress} and closes it again; the future fails when the handshake is refused. */
  private static Future<WebSocket> connect(Vertx vertx, String localAddress, String token) {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress(localAddress));
    Future<WebSocket> opened = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
        .setPort(running.port()).setURI("/ws?token=" + token));
    try {
      WebSocket ws = opened.await();
      // The server counts a wrong token as it closes the socket with 1008: wait for that.
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (!ws.isClosed() && System.nanoTime() < deadline && !token.equals(READ_TOKEN)) {
        Thread.sleep(5);
      }
    } catch (Exception e) {
      // the caller looks at the failure
    }
    client.close().await();
    return opened;
  }
}
