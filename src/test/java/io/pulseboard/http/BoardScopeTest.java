package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a {@code board:<id>} token reads follows its board as the board changes; its lists hold only that. */
@ExtendWith(VertxExtension.class)
class BoardScopeTest {
  private static final String READ_TOKEN = "board-scope-read-token-0123";
  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN));

  private static String board(String metric) {
    return new JsonObject().put("title", "Moving").put("sections", new JsonArray().add(new JsonObject()
        .put("tiles", new JsonArray().add(new JsonObject().put("kind", "chart").put("metric", metric))))).encode();
  }

  private static int status(Http http, String path, String token) {
    return http.send(HttpMethod.GET, path, null, token, null).statusCode();
  }

  @Test
  void the_metrics_a_board_token_reads_follow_its_board_when_it_changes(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      assertThat(http.send(HttpMethod.PUT, "/api/v1/boards/moving", board("offices")).statusCode()).isEqualTo(201);
      String token = TokensApiTest.secret(http, "moving tv", "board:moving");
      assertThat(status(http, "/api/v1/metrics/offices", token)).isEqualTo(200);
      assertThat(status(http, "/api/v1/metrics/offices/points", token)).isEqualTo(200);
      assertThat(status(http, "/api/v1/metrics/weekly_users", token)).isEqualTo(403);

      assertThat(http.send(HttpMethod.PUT, "/api/v1/boards/moving", board("weekly_users")).statusCode()).isEqualTo(200);
      // The instance that saved forgets at once; others within BoardGrants.TTL_MS.
      assertThat(status(http, "/api/v1/metrics/weekly_users/points", token)).isEqualTo(200);
      assertThat(status(http, "/api/v1/metrics/offices", token)).isEqualTo(403);

      assertThat(http.send(HttpMethod.DELETE, "/api/v1/boards/moving", null).statusCode()).isEqualTo(204);
      assertThat(status(http, "/api/v1/metrics/weekly_users", token)).isEqualTo(403);
      assertThat(status(http, "/api/v1/boards/moving", token)).as("its board, gone").isEqualTo(404);
    }
  }

  @Test
  void a_board_token_sees_the_annotations_of_its_metrics_and_of_every_metric_only(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      http.send(HttpMethod.PUT, "/api/v1/boards/annotated", board("offices"));
      http.send(HttpMethod.POST, "/api/v1/annotations", new JsonObject().put("ts", "2026-03-01T00:00:00Z")
          .put("title", "About users").put("metrics", new JsonArray().add("weekly_users")).encode());
      http.send(HttpMethod.POST, "/api/v1/annotations", new JsonObject().put("ts", "2026-03-02T00:00:00Z")
          .put("title", "About offices").put("metrics", new JsonArray().add("offices")).encode());
      String token = TokensApiTest.secret(http, "annotated tv", "board:annotated");
      JsonArray seen = http.send(HttpMethod.GET, "/api/v1/annotations", null, token, null).bodyAsJsonObject()
          .getJsonArray("annotations");
      assertThat(seen.stream().map(a -> ((JsonObject) a).getString("title")))
          .contains("About offices", "OpenAI Korea launch (Seoul)").doesNotContain("About users");
    }
  }

  @Test
  void a_token_of_two_boards_reads_both_and_lists_both(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      http.send(HttpMethod.PUT, "/api/v1/boards/first", board("offices"));
      http.send(HttpMethod.PUT, "/api/v1/boards/second", board("weekly_users_yoy"));
      String token = TokensApiTest.secret(http, "two boards", "board:first", "board:second");
      assertThat(status(http, "/api/v1/boards/first", token)).isEqualTo(200);
      assertThat(status(http, "/api/v1/boards/second", token)).isEqualTo(200);
      assertThat(status(http, "/api/v1/boards/korea-launch", token)).isEqualTo(403);
      assertThat(status(http, "/api/v1/metrics/weekly_users_yoy", token)).isEqualTo(200);
      assertThat(status(http, "/api/v1/changes?since=0", token)).as("not a board read").isEqualTo(403);
      assertThat(http.send(HttpMethod.GET, "/api/v1/boards", null, token, null).bodyAsJsonObject().getJsonArray("boards")
          .stream().map(b -> ((JsonObject) b).getString("id"))).containsExactly("first", "second");
      assertThat(http.send(HttpMethod.PUT, "/api/v1/boards/first", board("offices"), token, "application/json")
          .statusCode()).as("a board token never writes").isEqualTo(403);
    }
  }
}
