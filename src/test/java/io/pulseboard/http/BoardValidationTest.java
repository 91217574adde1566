package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every class of bad board: 422 naming the fault with a JSON pointer into the body, and nothing
 * written (no board, no event), on a real server and database.
 */
@ExtendWith(VertxExtension.class)
class BoardValidationTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();
  private static Vertx client;

  private static JsonObject tile(JsonObject board, int section, int tile) {
    return board.getJsonArray("sections").getJsonObject(section).getJsonArray("tiles").getJsonObject(tile);
  }

  private record Bad(String what, String pointer, UnaryOperator<JsonObject> change) {}

  private static Bad bad(String what, String pointer, UnaryOperator<JsonObject> change) {
    return new Bad(what, pointer, change);
  }

  static Stream<Bad> badBoards() {
    return Stream.of(
        bad("an unknown metric", "/sections/0/tiles/0/metric", b -> {
          tile(b, 0, 0).put("metric", "weekly_userz");
          return b;
        }),
        bad("an unknown metric in a later section", "/sections/1/tiles/0/metric", b -> {
          tile(b, 1, 0).put("metric", "no_such_metric");
          return b;
        }),
        bad("a metric id that is not one", "/sections/0/tiles/0/metric", b -> {
          tile(b, 0, 0).put("metric", "Weekly Users");
          return b;
        }),
        bad("a label key the metric does not have", "/sections/0/tiles/0/labels/country", b -> {
          tile(b, 0, 0).put("labels", new JsonObject().put("country", "kr"));
          return b;
        }),
        bad("an empty label value", "/sections/0/tiles/1/labels/region", b -> {
          tile(b, 0, 1).put("labels", new JsonObject().put("region", ""));
          return b;
        }),
        bad("an unknown kind", "/sections/0/tiles/0/kind", b -> {
          tile(b, 0, 0).put("kind", "gauge");
          return b;
        }),
        bad("no kind", "/sections/0/tiles/0/kind", b -> {
          tile(b, 0, 0).remove("kind");
          return b;
        }),
        bad("a bad size", "/sections/0/tiles/0/size", b -> {
          tile(b, 0, 0).put("size", "xxl");
          return b;
        }),
        bad("a bad range", "/sections/0/tiles/1/range", b -> {
          tile(b, 0, 1).put("range", "forever");
          return b;
        }),
        bad("an empty range", "/sections/0/tiles/1/range", b -> {
          tile(b, 0, 1).put("range", "P0D");
          return b;
        }),
        bad("a table without by", "/sections/1/tiles/0/by", b -> {
          tile(b, 1, 0).remove("by");
          return b;
        }),
        bad("a table by a key the metric does not have", "/sections/1/tiles/0/by", b -> {
          tile(b, 1, 0).put("by", "country");
          return b;
        }),
        bad("a field the kind does not take", "/sections/1/tiles/1/metric", b -> {
          tile(b, 1, 1).put("metric", "offices");
          return b;
        }),
        bad("an unknown tile field", "/sections/0/tiles/0/colour", b -> {
          tile(b, 0, 0).put("colour", "red");
          return b;
        }),
        bad("a tile that is not an object", "/sections/0/tiles/0", b -> {
          b.getJsonArray("sections").getJsonObject(0).getJsonArray("tiles").set(0, "kpi");
          return b;
        }),
        bad("a section that is not an object", "/sections/1", b -> {
          b.getJsonArray("sections").set(1, 7);
          return b;
        }),
        bad("a section without tiles", "/sections/1/tiles", b -> {
          b.getJsonArray("sections").getJsonObject(1).remove("tiles");
          return b;
        }),
        bad("over 200 tiles", "/sections/1/tiles/198", b -> {
          JsonArray many = new JsonArray();
          for (int i = 0; i < 199; i++) {
            many.add(new JsonObject().put("kind", "kpi").put("metric", "offices"));
          }
          b.getJsonArray("sections").getJsonObject(1).put("tiles", many);
          return b;
        }),
        bad("over 20 sections", "/sections", b -> {
          JsonArray sections = new JsonArray();
          for (int i = 0; i < 21; i++) {
            sections.add(new JsonObject().put("tiles", new JsonArray()));
          }
          return b.put("sections", sections);
        }),
        bad("an over-long text", "/sections/1/tiles/1/text", b -> {
          tile(b, 1, 1).put("text", "x".repeat(1001));
          return b;
        }),
        bad("an over-long text in Korean", "/sections/1/tiles/1/text/ko", b -> {
          tile(b, 1, 1).put("text", new JsonObject().put("en", "ok").put("ko", "한".repeat(1001)));
          return b;
        }),
        bad("a text with NUL", "/sections/1/tiles/1/text", b -> {
          tile(b, 1, 1).put("text", "a\u0000b");
          return b;
        }),
        bad("an over-long title", "/title", b -> b.put("title", "x".repeat(201))),
        bad("an over-long section title", "/sections/0/title/en", b -> {
          b.getJsonArray("sections").getJsonObject(0).put("title", new JsonObject().put("en", "x".repeat(201)));
          return b;
        }),
        bad("a title without en", "/title", b -> b.put("title", new JsonObject().put("ko", "한국 출범"))),
        bad("a title in no language tag", "/title/korean", b -> b.put("title", new JsonObject()
            .put("en", "Korea").put("korean", "한국"))),
        bad("a blank title", "/title", b -> b.put("title", "   ")),
        // The contract names a missing member at its parent, here the whole body.
        bad("no title", "", b -> {
          b.remove("title");
          return b;
        }),
        bad("another id in the body", "/id", b -> b.put("id", "another-board")),
        bad("an unknown board field", "/colour", b -> b.put("colour", "red")));
  }

  @BeforeAll
  static void startClient() {
    client = Vertx.vertx();
  }

  @AfterAll
  static void stopClient() {
    client.close().await();
  }

  /** One test per class of bad board, named by it. */
  @TestFactory
  Stream<DynamicTest> a_bad_board_is_422_with_its_pointer_and_writes_nothing() {
    return badBoards().map(bad -> DynamicTest.dynamicTest(bad.what(),
        () -> refused(bad.what(), bad.pointer(), bad.change(), client)));
  }

  private static void refused(String what, String pointer, UnaryOperator<JsonObject> change, Vertx vertx) {
    String id = "bad-" + Math.abs(what.hashCode());
    JsonObject body = change.apply(BoardsApiTest.board("Bad"));
    try (Http http = new Http(vertx, running.port())) {
      HttpResponse<Buffer> r = http.send(HttpMethod.PUT, "/api/v1/boards/" + id, body.encode());
      assertThat(r.statusCode()).as("%s: %s", what, r.bodyAsString()).isEqualTo(422);
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.bodyAsJsonObject().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")))
          .as("%s: %s", what, r.bodyAsString()).contains(pointer);
    }
    assertThat(TestDatabase.queryLong(running.db(), "SELECT count(*) FROM boards WHERE id = '" + id + "'")).isZero();
    assertThat(TestDatabase.queryLong(running.db(), "SELECT count(*) FROM events WHERE subject = '" + id + "'")).isZero();
  }

  @Test
  void a_bad_replacement_leaves_the_stored_board_and_its_version(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      assertThat(http.send(HttpMethod.PUT, "/api/v1/boards/kept-good", BoardsApiTest.board("Good").encode())
          .statusCode()).isEqualTo(201);
      JsonObject bad = BoardsApiTest.board("Bad");
      tile(bad, 0, 0).put("metric", "weekly_userz");
      assertThat(http.send(HttpMethod.PUT, "/api/v1/boards/kept-good", bad.encode()).statusCode()).isEqualTo(422);
      JsonObject stored = http.get("/api/v1/boards/kept-good").bodyAsJsonObject();
      assertThat(stored.getLong("version")).isEqualTo(1);
      assertThat(stored.getJsonObject("title").getString("en")).isEqualTo("Good");
    }
  }

  @Test
  void a_bad_id_in_the_path_is_422_naming_the_id(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      for (String id : new String[] {"Korea", "korea_launch", "-korea", "x".repeat(64)}) {
        HttpResponse<Buffer> r = http.send(HttpMethod.PUT, "/api/v1/boards/" + id, BoardsApiTest.board("Bad").encode());
        assertThat(r.statusCode()).as(id).isEqualTo(422);
        assertThat(r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("id");
      }
    }
    assertThat(TestDatabase.queryLong(running.db(), "SELECT count(*) FROM boards WHERE id ~ '[A-Z_]|^-'")).isZero();
  }

  @Test
  void many_faults_are_named_together(Vertx vertx) {
    JsonObject body = BoardsApiTest.board("Bad");
    tile(body, 0, 0).put("metric", "weekly_userz");
    tile(body, 0, 1).put("size", "huge");
    tile(body, 1, 0).put("by", "country");
    try (Http http = new Http(vertx, running.port())) {
      HttpResponse<Buffer> r = http.send(HttpMethod.PUT, "/api/v1/boards/many-faults", body.encode());
      assertThat(r.bodyAsJsonObject().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")))
          .containsExactlyInAnyOrder("/sections/0/tiles/0/metric", "/sections/0/tiles/1/size", "/sections/1/tiles/0/by");
    }
  }
}
