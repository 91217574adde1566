package io.pulseboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server that stops writes the tokens' last uses it still holds (they are written every few
 * seconds): stopping loses none, as the verticles stop while the database pool is still open.
 */
@ExtendWith(VertxExtension.class)
class LastUseOnStopTest {
  @Test
  void a_stopping_server_writes_the_last_uses_it_holds(Vertx vertx) throws Exception {
    String db = TestDatabase.create();
    // With a read token set, reads need a token, and so a read counts as a use of the token.
    Pulseboard app = TestApp.start(db,
        Map.of("PULSEBOARD_SEED", "false", "PULSEBOARD_READ_TOKEN", "last-use-read-token-0123"));
    long id;
    try (Http http = new Http(vertx, app.port())) {
      JsonObject created = http.send(HttpMethod.POST, "/api/v1/tokens",
          new JsonObject().put("name", "wall screen").put("scopes", new JsonArray().add("read")).encode(),
          TestApp.ADMIN_TOKEN, "application/json").bodyAsJsonObject();
      id = created.getLong("id");
      assertThat(http.get("/api/v1/metrics", "Authorization", "Bearer " + created.getString("token")).statusCode())
          .isEqualTo(200);
    } finally {
      app.close();
    }
    String written = "SELECT count(*) FROM api_tokens WHERE last_used_at IS NOT NULL AND id = " + id;
    assertThat(TestDatabase.queryLong(db, written)).as("the last use, written on stop").isEqualTo(1);
  }
}
