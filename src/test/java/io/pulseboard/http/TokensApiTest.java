package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/v1/tokens} and what the tokens it makes may do, on a real server and database. */
@ExtendWith(VertxExtension.class)
class TokensApiTest {
  private static final String READ_TOKEN = "tokens-api-read-token-0123";
  private static final String TOKENS = "/api/v1/tokens";
  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN));

  static HttpResponse<Buffer> create(Http http, String name, List<String> scopes, String expires) {
    JsonObject body = new JsonObject().put("name", name).put("scopes", new JsonArray(scopes));
    if (expires != null) {
      body.put("expires", expires);
    }
    return http.send(HttpMethod.POST, TOKENS, body.encode(), TestApp.ADMIN_TOKEN, "application/json");
  }

  /** A new token's secret. */
  static String secret(Http http, String name, String... scopes) {
    HttpResponse<Buffer> r = create(http, name, List.of(scopes), null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getString("token");
  }

  private static HttpResponse<Buffer> post(Http http, String path, JsonObject body, String token) {
    return http.send(HttpMethod.POST, path, body.encode(), token, "application/json");
  }

  private static long rows(String sql) {
    return TestDatabase.queryLong(running.db(), sql);
  }

  @Test
  void a_created_token_answers_its_secret_once_and_works_at_once(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      HttpResponse<Buffer> r = create(http, "etl weekly users", List.of("write:weekly_users", "read"), null);
      assertThat(r.statusCode()).isEqualTo(201);
      JsonObject created = r.bodyAsJsonObject();
      assertThat(created.getString("token")).startsWith("pb_");
      assertThat(created.getLong("id")).isPositive();
      assertThat(created.getString("name")).isEqualTo("etl weekly users");
      assertThat(created.getJsonArray("scopes")).containsExactly("write:weekly_users", "read");
      assertThat(created.getString("created_by")).startsWith("PULSEBOARD_ADMIN_TOKEN (#");
      assertThat(created.getValue("revoked_at")).isNull();
      assertThat(http.get("/api/v1/metrics", "Authorization", "Bearer " + created.getString("token")).statusCode())
          .isEqualTo(200);

      HttpResponse<Buffer> list = http.send(HttpMethod.GET, TOKENS, null, TestApp.ADMIN_TOKEN, null);
      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(list.bodyAsString()).doesNotContain(created.getString("token")).doesNotContain("hash");
      assertThat(list.bodyAsJsonObject().getJsonArray("tokens").stream().map(JsonObject.class::cast)
          .filter(t -> t.getLong("id").equals(created.getLong("id")))).singleElement()
          .satisfies(t -> assertThat(t.containsKey("token")).isFalse());
    }
  }

  @Test
  void a_revoked_token_is_refused_and_an_unknown_id_is_404(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      HttpResponse<Buffer> r = create(http, "leaked", List.of("read"), null);
      String secret = r.bodyAsJsonObject().getString("token");
      long id = r.bodyAsJsonObject().getLong("id");
      assertThat(http.send(HttpMethod.DELETE, TOKENS + "/" + id, null, TestApp.ADMIN_TOKEN, null).statusCode())
          .isEqualTo(204);
      HttpResponse<Buffer> refused = http.get("/api/v1/metrics", "Authorization", "Bearer " + secret);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.bodyAsJsonObject().getString("missing_scope")).isEqualTo("read");
      assertThat(http.send(HttpMethod.DELETE, TOKENS + "/" + id, null, TestApp.ADMIN_TOKEN, null).statusCode())
          .as("revoking again").isEqualTo(204);
      HttpResponse<Buffer> unknown = http.send(HttpMethod.DELETE, TOKENS + "/987654", null, TestApp.ADMIN_TOKEN, null);
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }
  }

  @Test
  void last_use_is_recorded_within_seconds_not_per_request(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      JsonObject created = create(http, "dashboard", List.of("read"), null).bodyAsJsonObject();
      for (int i = 0; i < 20; i++) {
        assertThat(http.get("/api/v1/metrics", "Authorization", "Bearer " + created.getString("token")).statusCode())
            .isEqualTo(200);
      }
      String sql = "SELECT count(*) FROM api_tokens WHERE last_used_at IS NOT NULL AND id = " + created.getLong("id");
      long deadline = System.currentTimeMillis() + 15_000;
      while (rows(sql) == 0) {
        assertThat(System.currentTimeMillis()).as("last use written within 15 s").isLessThan(deadline);
        vertx.timer(200).await();
      }
      JsonObject listed = http.send(HttpMethod.GET, TOKENS, null, TestApp.ADMIN_TOKEN, null).bodyAsJsonObject()
          .getJsonArray("tokens").stream().map(JsonObject.class::cast)
          .filter(t -> t.getLong("id").equals(created.getLong("id"))).findFirst().orElseThrow();
      assertThat(Instant.parse(listed.getString("last_used_at"))).isAfter(Instant.parse(listed.getString("created_at")));
    }
  }

  @Test
  void an_expired_token_is_refused(Vertx vertx) throws Exception {
    try (Http http = new Http(vertx, running.port())) {
      Instant expires = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
      HttpResponse<Buffer> r = create(http, "short lived", List.of("read"), expires.toString());
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
      assertThat(r.bodyAsJsonObject().getString("expires")).isEqualTo(expires.toString());
      String secret = r.bodyAsJsonObject().getString("token");
      assertThat(http.get("/api/v1/metrics", "Authorization", "Bearer " + secret).statusCode()).isEqualTo(200);
      vertx.timer(Math.max(0, expires.toEpochMilli() - System.currentTimeMillis()) + 50).await();
      assertThat(http.get("/api/v1/metrics", "Authorization", "Bearer " + secret).statusCode()).isEqualTo(403);
    }
  }

  @Test
  void only_admin_tokens_reach_the_tokens(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      String writer = secret(http, "writer", "write");
      for (String token : List.of(READ_TOKEN, writer)) {
        HttpResponse<Buffer> r = http.send(HttpMethod.GET, TOKENS, null, token, null);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.bodyAsJsonObject().getString("missing_scope")).isEqualTo("admin");
      }
      long before = rows("SELECT count(*) FROM api_tokens");
      HttpResponse<Buffer> r = post(http, TOKENS, new JsonObject().put("name", "x").put("scopes",
          new JsonArray().add("admin")), writer);
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(rows("SELECT count(*) FROM api_tokens")).isEqualTo(before);
      assertThat(http.send(HttpMethod.GET, TOKENS, null, null, null).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void each_class_of_bad_token_input_is_422_with_its_pointer_and_writes_nothing(Vertx vertx) {
    String tooLong = "n".repeat(TokensRoutes.MAX_NAME + 1);
    List<String> tooMany = java.util.stream.IntStream.range(0, TokensRoutes.MAX_SCOPES + 1)
        .mapToObj(i -> "write:m" + i).toList();
    Map<JsonObject, String> cases = Map.of(
        body("a", List.of("read", "writ:weekly_users"), null), "/scopes/1",
        body("a", List.of("board:"), null), "/scopes/0",
        body("a", List.of("read"), "tomorrow"), "/expires",
        body("a", List.of("read"), "2020-01-01T00:00:00Z"), "/expires",
        body("", List.of("read"), null), "/name",
        body("   ", List.of("read"), null), "/name",
        body(tooLong, List.of("read"), null), "/name",
        body("a", tooMany, null), "/scopes",
        body("a", List.of(), null), "/scopes");
    try (Http http = new Http(vertx, running.port())) {
      long before = rows("SELECT count(*) FROM api_tokens");
      cases.forEach((body, pointer) -> {
        HttpResponse<Buffer> r = post(http, TOKENS, body, TestApp.ADMIN_TOKEN);
        assertThat(r.statusCode()).as("%s", body).isEqualTo(422);
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.bodyAsJsonObject().getJsonArray("errors").stream().map(JsonObject.class::cast)
            .map(e -> e.getString("pointer"))).as("%s", body).contains(pointer);
      });
      assertThat(rows("SELECT count(*) FROM api_tokens")).isEqualTo(before);
    }
  }

  private static JsonObject body(String name, List<String> scopes, String expires) {
    JsonObject body = new JsonObject().put("name", name).put("scopes", new JsonArray(scopes));
    return expires == null ? body : body.put("expires", expires);
  }

  @Test
  void a_write_scope_writes_its_metrics_and_a_batch_with_any_other_is_refused_whole(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      for (String id : List.of("sales_kr", "sales_us")) {
        assertThat(http.send(HttpMethod.PUT, "/api/v1/metrics/" + id, """
            {"name":"Sales","unit":"KRW","labels":["region"],"cadence":"P7D","display":"number"}""")
            .statusCode()).isIn(200, 201);
      }
      String sales = secret(http, "sales etl", "write:sales_*");
      String weekly = secret(http, "weekly etl", "write:weekly_users");
      JsonObject salesBatch = batch("sales_kr", "sales_us");
      assertThat(post(http, "/api/v1/points", salesBatch, sales).statusCode()).isEqualTo(200);
      assertThat(post(http, "/api/v1/points", batch("weekly_users"), weekly).statusCode()).isEqualTo(200);

      long points = rows("SELECT count(*) FROM points");
      HttpResponse<Buffer> mixed = post(http, "/api/v1/points", batch("sales_kr", "weekly_users"), sales);
      assertThat(mixed.statusCode()).isEqualTo(403);
      JsonObject problem = mixed.bodyAsJsonObject();
      assertThat(problem.getString("missing_scope")).isEqualTo("write:weekly_users");
      assertThat(problem.getString("detail")).contains("weekly_users", "nothing was written");
      HttpResponse<Buffer> other = post(http, "/api/v1/points", salesBatch, weekly);
      assertThat(other.statusCode()).isEqualTo(403);
      assertThat(other.bodyAsJsonObject().getString("missing_scope")).isEqualTo("write:sales_kr");
      assertThat(rows("SELECT count(*) FROM points")).isEqualTo(points);
      HttpResponse<Buffer> read = http.get("/api/v1/metrics", "Authorization", "Bearer " + sales);
      assertThat(read.statusCode()).as("a write scope does not read").isEqualTo(403);
      assertThat(read.bodyAsJsonObject().getString("missing_scope")).isEqualTo("read");
    }
  }

  private static JsonObject batch(String... metrics) {
    JsonArray points = new JsonArray();
    for (String metric : metrics) {
      points.add(PointsApiTest.point(metric, "kr", "2026-02-02T00:00:00Z", 7));
    }
    return new JsonObject().put("points", points);
  }
}
