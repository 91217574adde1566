package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/v1/boards}: saving, versions and ETags, deleting, the generated board, on a real server and database. */
@ExtendWith(VertxExtension.class)
class BoardsApiTest {
  static final String BOARDS = "/api/v1/boards";
  @RegisterExtension
  static final RunningApp running = new RunningApp();

  /** A valid board of the seeded metrics, with one tile of each kind. */
  static JsonObject board(String title) {
    return new JsonObject().put("title", new JsonObject().put("en", title).put("ko", "보드"))
        .put("sections", new JsonArray()
            .add(new JsonObject().put("title", new JsonObject().put("en", "Users")).put("tiles", new JsonArray()
                .add(tile("kpi", "weekly_users").put("labels", new JsonObject().put("region", "global")))
                .add(tile("chart", "weekly_users").put("labels", new JsonObject().put("region", "*"))
                    .put("range", "P90D").put("size", "l"))))
            .add(new JsonObject().put("tiles", new JsonArray()
                .add(tile("table", "offices").put("by", "region"))
                .add(new JsonObject().put("kind", "text").put("text", "A note")))));
  }

  static JsonObject tile(String kind, String metric) {
    return new JsonObject().put("kind", kind).put("metric", metric);
  }

  static HttpResponse<Buffer> put(Vertx vertx, String id, JsonObject body, Map<String, String> headers) {
    return request(vertx, HttpMethod.PUT, BOARDS + "/" + id, body.encode(), headers);
  }

  static HttpResponse<Buffer> request(Vertx vertx, HttpMethod method, String path, String body,
      Map<String, String> headers) {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(running.port()));
    try {
      var request = client.request(method, path).putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN);
      headers.forEach(request::putHeader);
      if (body == null) {
        return request.send().await();
      }
      return request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)).await();
    } finally {
      client.close();
    }
  }

  private static long rows(String sql) {
    return TestDatabase.queryLong(running.db(), sql);
  }

  private static long events(String id) {
    return rows("SELECT count(*) FROM events WHERE topic = 'boards' AND subject = '" + id + "'");
  }

  @Test
  void a_new_board_is_created_with_version_1_and_read_back_with_its_etag(Vertx vertx) {
    HttpResponse<Buffer> created = put(vertx, "created", board("Created"), Map.of());
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.getHeader("ETag")).isEqualTo("\"1\"");
    assertThat(created.getHeader("Location")).isEqualTo(BOARDS + "/created");
    JsonObject body = created.bodyAsJsonObject();
    assertThat(body.getString("id")).isEqualTo("created");
    assertThat(body.getLong("version")).isEqualTo(1);
    assertThat(body.getString("updated_at")).isNotBlank();
    // Defaults are written out: size m, labels {}, chart range as given.
    JsonObject kpi = body.getJsonArray("sections").getJsonObject(0).getJsonArray("tiles").getJsonObject(0);
    assertThat(kpi).isEqualTo(new JsonObject().put("kind", "kpi").put("metric", "weekly_users")
        .put("labels", new JsonObject().put("region", "global")).put("size", "m"));
    JsonObject text = body.getJsonArray("sections").getJsonObject(1).getJsonArray("tiles").getJsonObject(1);
    assertThat(text.getJsonObject("text")).isEqualTo(new JsonObject().put("en", "A note"));

    HttpResponse<Buffer> read = request(vertx, HttpMethod.GET, BOARDS + "/created", null, Map.of());
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.getHeader("ETag")).isEqualTo("\"1\"");
    assertThat(read.bodyAsJsonObject()).isEqualTo(body);
    assertThat(events("created")).isEqualTo(1);
  }

  @Test
  void get_with_if_none_match_of_the_current_version_is_304_and_of_an_old_one_200(Vertx vertx) {
    put(vertx, "cached", board("Cached"), Map.of());
    put(vertx, "cached", board("Cached again"), Map.of());
    HttpResponse<Buffer> same = request(vertx, HttpMethod.GET, BOARDS + "/cached", null, Map.of("If-None-Match", "\"2\""));
    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(same.getHeader("ETag")).isEqualTo("\"2\"");
    assertThat(same.body() == null || same.body().length() == 0).isTrue();
    HttpResponse<Buffer> old = request(vertx, HttpMethod.GET, BOARDS + "/cached", null, Map.of("If-None-Match", "\"1\""));
    assertThat(old.statusCode()).isEqualTo(200);
  }

  @Test
  void a_put_without_if_match_overwrites_and_increments_the_version(Vertx vertx) {
    put(vertx, "overwritten", board("First"), Map.of());
    HttpResponse<Buffer> second = put(vertx, "overwritten", board("Second"), Map.of());
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.getHeader("ETag")).isEqualTo("\"2\"");
    assertThat(second.bodyAsJsonObject().getJsonObject("title").getString("en")).isEqualTo("Second");
    assertThat(events("overwritten")).isEqualTo(2);
  }

  @Test
  void the_same_board_again_keeps_its_version_and_emits_nothing(Vertx vertx) {
    put(vertx, "same", board("Same"), Map.of());
    HttpResponse<Buffer> again = put(vertx, "same", board("Same"), Map.of("If-Match", "\"1\""));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.getHeader("ETag")).isEqualTo("\"1\"");
    assertThat(events("same")).isEqualTo(1);
  }

  @Test
  void a_put_with_the_current_if_match_replaces_the_board(Vertx vertx) {
    put(vertx, "matched", board("One"), Map.of());
    HttpResponse<Buffer> r = put(vertx, "matched", board("Two"), Map.of("If-Match", "\"1\""));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getLong("version")).isEqualTo(2);
    assertThat(put(vertx, "matched", board("Three"), Map.of("If-Match", "2")).statusCode())
        .as("a bare version is taken too").isEqualTo(200);
    assertThat(put(vertx, "matched", board("Four"), Map.of("If-Match", "*")).statusCode()).isEqualTo(200);
  }

  @Test
  void a_put_with_a_stale_if_match_is_412_and_writes_nothing(Vertx vertx) {
    put(vertx, "contested", board("Mine"), Map.of());
    put(vertx, "contested", board("Theirs"), Map.of("If-Match", "\"1\""));
    HttpResponse<Buffer> stale = put(vertx, "contested", board("Mine again"), Map.of("If-Match", "\"1\""));
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(stale.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(stale.bodyAsJsonObject().getString("type")).isEqualTo("urn:pulseboard:problem:precondition-failed");
    assertThat(stale.bodyAsJsonObject().getString("detail")).contains("version 2").contains("changed elsewhere");
    JsonObject stored = request(vertx, HttpMethod.GET, BOARDS + "/contested", null, Map.of()).bodyAsJsonObject();
    assertThat(stored.getJsonObject("title").getString("en")).isEqualTo("Theirs");
    assertThat(stored.getLong("version")).isEqualTo(2);
    assertThat(events("contested")).isEqualTo(2);
    HttpResponse<Buffer> weak = put(vertx, "contested", board("Weak"), Map.of("If-Match", "W/\"2\""));
    assertThat(weak.statusCode()).as("If-Match compares strongly: %s", weak.bodyAsString()).isEqualTo(412);
  }

  @Test
  void if_match_on_a_board_that_does_not_exist_is_412_and_creates_nothing(Vertx vertx) {
    for (String ifMatch : new String[] {"\"1\"", "*"}) {
      HttpResponse<Buffer> r = put(vertx, "never-made", board("Never"), Map.of("If-Match", ifMatch));
      assertThat(r.statusCode()).as(ifMatch).isEqualTo(412);
    }
    assertThat(rows("SELECT count(*) FROM boards WHERE id = 'never-made'")).isZero();
    assertThat(events("never-made")).isZero();
  }

  @Test
  void if_none_match_star_creates_only(Vertx vertx) {
    assertThat(put(vertx, "create-only", board("A"), Map.of("If-None-Match", "*")).statusCode()).isEqualTo(201);
    assertThat(put(vertx, "create-only", board("B"), Map.of("If-None-Match", "*")).statusCode()).isEqualTo(412);
    assertThat(request(vertx, HttpMethod.GET, BOARDS + "/create-only", null, Map.of()).bodyAsJsonObject()
        .getJsonObject("title").getString("en")).isEqualTo("A");
  }

  @Test
  void a_malformed_if_match_is_400_and_writes_nothing(Vertx vertx) {
    HttpResponse<Buffer> r = put(vertx, "malformed-tag", board("A"), Map.of("If-Match", "version three"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(rows("SELECT count(*) FROM boards WHERE id = 'malformed-tag'")).isZero();
  }

  @Test
  void delete_is_204_then_404_and_emits_a_deleted_event(Vertx vertx) {
    put(vertx, "doomed", board("Doomed"), Map.of());
    assertThat(request(vertx, HttpMethod.DELETE, BOARDS + "/doomed", null, Map.of()).statusCode()).isEqualTo(204);
    assertThat(request(vertx, HttpMethod.GET, BOARDS + "/doomed", null, Map.of()).statusCode()).isEqualTo(404);
    assertThat(request(vertx, HttpMethod.DELETE, BOARDS + "/doomed", null, Map.of()).statusCode()).isEqualTo(404);
    String body = TestDatabase.queryString(running.db(),
        "SELECT body::text FROM events WHERE subject = 'doomed' ORDER BY seq DESC LIMIT 1");
    assertThat(new JsonObject(body)).isEqualTo(new JsonObject().put("id", "doomed").put("deleted", true).put("version", 2));
  }

  @Test
  void delete_with_a_stale_if_match_is_412_and_keeps_the_board(Vertx vertx) {
    put(vertx, "kept", board("Kept"), Map.of());
    put(vertx, "kept", board("Kept, edited"), Map.of());
    HttpResponse<Buffer> r = request(vertx, HttpMethod.DELETE, BOARDS + "/kept", null, Map.of("If-Match", "\"1\""));
    assertThat(r.statusCode()).isEqualTo(412);
    assertThat(request(vertx, HttpMethod.GET, BOARDS + "/kept", null, Map.of()).statusCode()).isEqualTo(200);
    assertThat(request(vertx, HttpMethod.DELETE, BOARDS + "/kept", null, Map.of("If-Match", "\"2\"")).statusCode())
        .isEqualTo(204);
  }

  @Test
  void a_board_made_again_after_its_deletion_continues_its_versions(Vertx vertx) {
    put(vertx, "phoenix", board("Phoenix"), Map.of());
    request(vertx, HttpMethod.DELETE, BOARDS + "/phoenix", null, Map.of());
    HttpResponse<Buffer> again = put(vertx, "phoenix", board("Phoenix again"), Map.of());
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.bodyAsJsonObject().getLong("version")).isEqualTo(3);
    assertThat(put(vertx, "phoenix", board("Old tab"), Map.of("If-Match", "\"1\"")).statusCode()).isEqualTo(412);
  }

  @Test
  void a_board_got_from_get_can_be_put_as_it_is(Vertx vertx) {
    put(vertx, "exported", board("Exported"), Map.of());
    JsonObject exported = request(vertx, HttpMethod.GET, BOARDS + "/exported", null, Map.of()).bodyAsJsonObject();
    HttpResponse<Buffer> imported = put(vertx, "imported", exported.copy().put("id", "imported"), Map.of());
    assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(201);
    assertThat(imported.bodyAsJsonObject().getJsonArray("sections")).isEqualTo(exported.getJsonArray("sections"));
    assertThat(put(vertx, "exported", exported, Map.of()).getHeader("ETag")).as("unchanged").isEqualTo("\"1\"");
  }

  @Test
  void the_example_board_in_the_docs_can_be_put_as_it_is_and_is_the_seeded_board(Vertx vertx) throws Exception {
    JsonObject example = new JsonObject(Files.readString(Path.of("docs/examples/korea-launch.board.json")));
    JsonObject seeded = request(vertx, HttpMethod.GET, BOARDS + "/korea-launch", null, Map.of()).bodyAsJsonObject();
    assertThat(example.getJsonArray("sections")).isEqualTo(seeded.getJsonArray("sections"));
    assertThat(example.getJsonObject("title")).isEqualTo(seeded.getJsonObject("title"));
    HttpResponse<Buffer> r = put(vertx, "korea-launch-copy", example.copy().put("id", "korea-launch-copy"), Map.of());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> same = put(vertx, "korea-launch", example, Map.of());
    assertThat(same.statusCode()).isEqualTo(200);
    assertThat(same.getHeader("ETag")).as("the seeded board is the example").isEqualTo("\"1\"");
  }

  @Test
  void the_list_has_the_generated_board_first_then_the_stored_ones_with_their_tile_counts(Vertx vertx) {
    put(vertx, "listed", board("Listed"), Map.of());
    JsonArray boards = request(vertx, HttpMethod.GET, BOARDS, null, Map.of()).bodyAsJsonObject().getJsonArray("boards");
    JsonObject all = boards.getJsonObject(0);
    assertThat(all.getString("id")).isEqualTo("all");
    assertThat(all.getBoolean("generated")).isTrue();
    assertThat(all.getLong("version")).isZero();
    assertThat(all.getInteger("tiles")).isEqualTo(rows("SELECT count(*) FROM metrics"));
    JsonObject listed = boards.stream().map(JsonObject.class::cast).filter(b -> b.getString("id").equals("listed"))
        .findFirst().orElseThrow();
    assertThat(listed.getInteger("tiles")).isEqualTo(4);
    assertThat(listed.containsKey("sections")).isFalse();
    assertThat(listed.containsKey("generated")).isFalse();
  }

  @Test
  void the_generated_board_shows_every_metric_and_cannot_be_written(Vertx vertx) {
    HttpResponse<Buffer> all = request(vertx, HttpMethod.GET, BOARDS + "/all", null, Map.of());
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.getHeader("ETag")).isNull();
    JsonArray tiles = all.bodyAsJsonObject().getJsonArray("sections").getJsonObject(0).getJsonArray("tiles");
    assertThat(tiles.stream().map(t -> ((JsonObject) t).getString("metric")))
        .contains("weekly_users", "weekly_users_yoy", "paid_subscribers_yoy", "offices");
    assertThat(tiles.getJsonObject(0)).isEqualTo(new JsonObject().put("kind", "kpi")
        .put("metric", tiles.getJsonObject(0).getString("metric")).put("labels", new JsonObject()).put("size", "s"));
    assertThat(put(vertx, "all", board("Mine"), Map.of()).statusCode()).isEqualTo(409);
    assertThat(request(vertx, HttpMethod.DELETE, BOARDS + "/all", null, Map.of()).statusCode()).isEqualTo(409);
  }

  @Test
  void a_body_over_two_mebibytes_is_413_and_writes_nothing(Vertx vertx) {
    JsonObject huge = board("Huge").put("title", "x".repeat(BoardsRoutes.MAX_BODY_BYTES));
    HttpResponse<Buffer> r = put(vertx, "huge", huge, Map.of());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(rows("SELECT count(*) FROM boards WHERE id = 'huge'")).isZero();
  }

  @Test
  void the_thousand_and_first_board_is_409_and_writes_nothing(Vertx vertx) {
    long stored = rows("SELECT count(*) FROM boards WHERE deleted_at IS NULL");
    TestDatabase.execute(running.db(), "INSERT INTO boards (id, title, sections, version) SELECT 'filler-' || i, "
        + "'{\"en\":\"Filler\"}', '[]', 1 FROM generate_series(1, " + (1000 - stored) + ") i");
    try {
      HttpResponse<Buffer> r = put(vertx, "one-too-many", board("Too many"), Map.of());
      assertThat(r.statusCode()).isEqualTo(409);
      assertThat(r.bodyAsJsonObject().getString("detail")).contains("1000");
      assertThat(rows("SELECT count(*) FROM boards WHERE id = 'one-too-many'")).isZero();
      assertThat(put(vertx, "filler-1", board("Replacing is fine"), Map.of()).statusCode()).isEqualTo(200);
    } finally {
      TestDatabase.execute(running.db(), "DELETE FROM boards WHERE id LIKE 'filler-%'");
    }
  }

  @Test
  void the_contract_and_the_board_scope_take_the_same_board_ids() throws Exception {
    String contract = Files.readString(Path.of("src/main/resources/openapi.yaml"));
    assertThat(contract).contains("pattern: \"^" + io.pulseboard.db.Board.ID_SYNTAX + "$\"");
    assertThat(io.pulseboard.auth.Scope.parse("board:korea-launch").argument()).isEqualTo("korea-launch");
  }

  @Test
  void headers_of_the_answer_are_a_multimap_with_one_etag(Vertx vertx) {
    MultiMap headers = put(vertx, "one-etag", board("One"), Map.of()).headers();
    assertThat(headers.getAll("ETag")).hasSize(1);
  }
}
