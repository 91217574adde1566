package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.pulseboard.auth.TokenSecret;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A token made a moment ago works at once on an instance that has not heard of it yet: tokens are
 * stored here straight in the table, without the notification an instance reloads on, as if it
 * were still on its way. Tokens not in force stay refused, and nothing is written with them.
 */
@ExtendWith(VertxExtension.class)
class TokenArrivalTest {
  private static final String READ_TOKEN = "arrival-read-token-0123";
  private static String db;
  private static Pulseboard app;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    app = TestApp.start(db, Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN));
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  /** A new secret stored with this scope and no notification; {@code revoked} stores it revoked. */
  private static String stored(String name, String scope, boolean revoked) {
    String secret = TokenSecret.generate();
    String hash = HexFormat.of().formatHex(TokenSecret.hash(secret));
    TestDatabase.execute(db, "INSERT INTO api_tokens (name, scopes, created_by, hash, revoked_at) VALUES ('" + name
        + "', ARRAY['" + scope + "'], 'test', decode('" + hash + "', 'hex'), "
        + (revoked ? "now()" : "NULL") + ")");
    return secret;
  }

  private static long points() {
    return TestDatabase.queryLong(db, "SELECT count(*) FROM points p JOIN series s ON s.id = p.series_id WHERE s.metric_id = 'offices'");
  }

  @Test
  void a_read_token_made_elsewhere_reads_and_opens_a_socket_at_once(Vertx vertx) {
    String forHttp = stored("arrived-http", "read", false);
    String forSocket = stored("arrived-ws", "read", false);
    try (Http http = new Http(vertx, app.port())) {
      assertThat(http.get("/api/v1/metrics", "Authorization", "Bearer " + forHttp).statusCode()).isEqualTo(200);
    }
    try (WsClient ws = WsClient.open(vertx, app.port(), new WebSocketConnectOptions()
        .setURI("/ws?token=" + forSocket))) {
      assertThat(ws.next("hello").getInteger("protocol")).isEqualTo(1);
    }
  }

  @Test
  void a_write_token_made_elsewhere_writes_its_body_at_once(Vertx vertx) {
    String secret = stored("arrived-write", "write", false);
    long before = points();
    try (Http http = new Http(vertx, app.port())) {
      HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/points",
          Http.regionPoint("offices", "arrival", "2026-07-01T00:00:00Z", 7).encode(), secret, "application/json");
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    }
    assertThat(points()).as("the body waited for the look-up and was written whole").isEqualTo(before + 1);
  }

  @Test
  void revoked_and_unknown_tokens_stay_refused_and_write_nothing(Vertx vertx) {
    String revoked = stored("arrived-revoked", "write", true);
    long before = points();
    try (Http http = new Http(vertx, app.port())) {
      for (String secret : new String[] {revoked, TokenSecret.generate()}) {
        HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/points",
            Http.regionPoint("offices", "refused", "2026-07-02T00:00:00Z", 8).encode(), secret, "application/json");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.getHeader("Content-Type")).startsWith("application/problem+json");
        assertThat(r.bodyAsJsonObject().getString("detail")).contains("unknown, revoked or expired");
      }
    }
    assertThat(points()).isEqualTo(before);
    try (WsClient ws = WsClient.open(vertx, app.port(), new WebSocketConnectOptions().setURI("/ws?token=" + revoked))) {
      assertThat(ws.awaitClose()).isEqualTo(Frames.POLICY);
    }
  }
}
