package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances on one database whose reads need a token: a token revoked on one instance closes,
 * within a second, the sockets opened with it on the other (1008), and leaves other sockets open;
 * a token that expires closes its sockets as it expires.
 */
@ExtendWith(VertxExtension.class)
class TokenRevocationTest {
  private static final String READ_TOKEN = "revocation-read-token-0123";
  private static final long WITHIN_MS = 1000;
  private static Pulseboard a;
  private static Pulseboard b;

  @BeforeAll
  static void start() {
    String db = TestDatabase.create();
    a = TestApp.start(db, Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN));
    b = TestApp.start(db, Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN, "PULSEBOARD_SEED", "false"));
  }

  @AfterAll
  static void stop() throws Exception {
    a.close();
    b.close();
  }

  private static JsonObject create(Http http, String name, String expires) {
    JsonObject body = new JsonObject().put("name", name).put("scopes", new JsonArray().add("read"));
    if (expires != null) {
      body.put("expires", expires);
    }
    HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/tokens", body.encode(), TestApp.ADMIN_TOKEN,
        "application/json");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  /** A subscribed socket on instance {@code app}, opened with this token once it works there. */
  private static WsClient subscribed(Vertx vertx, Pulseboard app, String token) {
    try (Http http = new Http(vertx, app.port())) {
      long deadline = System.currentTimeMillis() + WITHIN_MS;
      while (http.get("/api/v1/metrics", "Authorization", "Bearer " + token).statusCode() != 200) {
        assertThat(System.currentTimeMillis()).as("the token works on the other instance within a second")
            .isLessThan(deadline);
        vertx.timer(20).await();
      }
    }
    WsClient ws = WsClient.open(vertx, app.port(), new WebSocketConnectOptions().setURI("/ws?token=" + token)
        .setAllowOriginHeader(false));
    ws.next("hello");
    ws.send(new JsonObject().put("op", "subscribe").put("metrics", "*"));
    ws.next("snapshot");
    return ws;
  }

  @Test
  void revoking_on_one_instance_closes_the_token_s_sockets_on_the_other_within_a_second(Vertx vertx) {
    try (Http http = new Http(vertx, a.port())) {
      JsonObject token = create(http, "kiosk in the lobby", null);
      try (WsClient revoked = subscribed(vertx, b, token.getString("token"));
          WsClient other = subscribed(vertx, b, READ_TOKEN)) {
        long start = System.nanoTime();
        assertThat(http.send(HttpMethod.DELETE, "/api/v1/tokens/" + token.getLong("id"), null, TestApp.ADMIN_TOKEN,
            null).statusCode()).isEqualTo(204);
        short code = revoked.awaitClose();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(code).isEqualTo((short) 1008);
        assertThat(ms).as("closed after %d ms", ms).isLessThan(WITHIN_MS);
        other.send(new JsonObject().put("op", "ping").put("id", 1));
        assertThat(other.next("pong").getInteger("id")).as("another token's socket stays open").isEqualTo(1);
      }
    }
  }

  @Test
  void a_token_s_sockets_close_when_it_expires(Vertx vertx) {
    try (Http http = new Http(vertx, a.port())) {
      Instant expires = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
      JsonObject token = create(http, "visitor screen", expires.toString());
      try (WsClient ws = subscribed(vertx, b, token.getString("token"))) {
        assertThat(ws.awaitClose()).isEqualTo((short) 1008);
        assertThat(Instant.now()).isBetween(expires, expires.plusMillis(WITHIN_MS));
      }
    }
  }
}
