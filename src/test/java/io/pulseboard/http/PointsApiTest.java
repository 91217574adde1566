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
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class PointsApiTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();
  private Http http;
  private Vertx vertx;
  private long pointsBefore;
  private long seriesBefore;

  @BeforeEach
  void client(Vertx vertx) {
    http = new Http(vertx, running.port());
    this.vertx = vertx;
    pointsBefore = rows("points");
    seriesBefore = rows("series");
  }

  @AfterEach
  void closeClient() {
    http.close();
  }

  static JsonObject batch(JsonObject... points) {
    return new JsonObject().put("points", new JsonArray(List.of((Object[]) points)));
  }

  static JsonObject point(String metric, String region, String ts, double value) {
    return new JsonObject().put("metric", metric).put("labels", new JsonObject().put("region", region))
        .put("ts", ts).put("value", value);
  }

  private static long rows(String table) {
    return TestDatabase.queryLong(running.db(), "SELECT count(*) FROM " + table);
  }

  /** Posts bytes as they are, for bodies a String cannot carry. */
  private HttpResponse<Buffer> postBytes(Buffer body) {
    WebClient client = WebClient.create(vertx);
    try {
      return client.post(running.port(), "127.0.0.1", "/api/v1/points")
          .putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN).putHeader("Content-Type", "application/json")
          .sendBuffer(body).await();
    } finally {
      client.close();
    }
  }

  private HttpResponse<Buffer> postRaw(String body) {
    return http.send(HttpMethod.POST, "/api/v1/points", body);
  }

  /** The response is problem+json with this status, and nothing was written. */
  private JsonObject assertRejected(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = r.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("type")).isNotBlank();
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
    assertThat(rows("points")).isEqualTo(pointsBefore);
    assertThat(rows("series")).isEqualTo(seriesBefore);
    return problem;
  }

  private static String firstPointer(JsonObject problem) {
    return problem.getJsonArray("errors").getJsonObject(0).getString("pointer");
  }

  @Test
  void writes_a_batch_and_returns_its_highest_seq() {
    HttpResponse<Buffer> r = http.postPoints(batch(
        point("weekly_users", "kr", "2025-10-01T00:00:00Z", 1000),
        point("weekly_users", "kr", "2025-10-08T00:00:00+09:00", 1100)));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getInteger("accepted")).isEqualTo(2);
    assertThat(body.getInteger("written")).isEqualTo(2);
    assertThat(body.getLong("seq")).isEqualTo(TestDatabase.queryLong(running.db(), "SELECT max(seq) FROM points"));
    assertThat(rows("points")).isEqualTo(pointsBefore + 2);
  }

  @Test
  void reposting_the_same_batch_changes_nothing() {
    JsonObject b = batch(point("offices", "kr", "2025-10-01T00:00:00Z", 1));
    long revisions = rows("point_revisions");
    long seq = http.postPoints(b).bodyAsJsonObject().getLong("seq");
    JsonObject again = http.postPoints(b).bodyAsJsonObject();
    assertThat(again.getInteger("written")).isZero();
    assertThat(again.getInteger("unchanged")).isEqualTo(1);
    assertThat(TestDatabase.queryLong(running.db(), "SELECT max(seq) FROM points")).isEqualTo(seq);
    assertThat(rows("points")).isEqualTo(pointsBefore + 1);
    assertThat(rows("point_revisions")).isEqualTo(revisions);
  }

  @Test
  void a_correction_takes_a_new_seq_and_keeps_the_old_value_as_a_revision() {
    http.postPoints(batch(point("weekly_users_yoy", "kr", "2025-08-01T00:00:00Z", 3.5)));
    long revisions = rows("point_revisions");
    JsonObject r = http.postPoints(batch(point("weekly_users_yoy", "kr", "2025-08-01T00:00:00Z", 3.6)))
        .bodyAsJsonObject();
    assertThat(r.getInteger("written")).isEqualTo(1);
    assertThat(rows("point_revisions")).isEqualTo(revisions + 1);
    assertThat(TestDatabase.queryLong(running.db(), "SELECT count(*) FROM point_revisions WHERE value = 3.5")).isEqualTo(1);
    assertThat(TestDatabase.queryLong(running.db(), "SELECT seq FROM points WHERE value = 3.6")).isEqualTo(r.getLong("seq"));
  }

  @Test
  void a_point_repeated_in_one_batch_counts_once_with_its_last_value() {
    JsonObject r = http.postPoints(batch(
        point("offices", "asia", "2025-12-01T00:00:00Z", 3),
        point("offices", "asia", "2025-12-01T00:00:00Z", 4))).bodyAsJsonObject();
    assertThat(r.getInteger("written")).isEqualTo(1);
    assertThat(TestDatabase.queryLong(running.db(),
        "SELECT value FROM points WHERE ts = '2025-12-01T00:00:00Z'")).isEqualTo(4);
  }

  @Test
  void rejects_an_unknown_metric_with_a_pointer_and_writes_nothing() {
    JsonObject problem = assertRejected(http.postPoints(batch(
        point("weekly_users", "kr", "2025-10-15T00:00:00Z", 1),
        point("no_such_metric", "kr", "2025-10-15T00:00:00Z", 1))), 422);
    assertThat(firstPointer(problem)).isEqualTo("/points/1/metric");
  }

  @Test
  void rejects_a_label_the_metric_does_not_allow() {
    JsonObject bad = point("weekly_users", "kr", "2025-10-15T00:00:00Z", 1);
    bad.getJsonObject("labels").put("city", "seoul");
    JsonObject problem = assertRejected(http.postPoints(batch(bad)), 422);
    assertThat(firstPointer(problem)).isEqualTo("/points/0/labels/city");
  }

  @Test
  void rejects_an_infinite_value() {
    JsonObject problem = assertRejected(postRaw(
        "{\"points\":[{\"metric\":\"offices\",\"ts\":\"2025-10-15T00:00:00Z\",\"value\":1e999}]}"), 422);
    assertThat(firstPointer(problem)).isEqualTo("/points/0/value");
  }

  @Test
  void rejects_nan_given_as_a_string() {
    JsonObject problem = assertRejected(postRaw(
        "{\"points\":[{\"metric\":\"offices\",\"ts\":\"2025-10-15T00:00:00Z\",\"value\":\"NaN\"}]}"), 422);
    assertThat(firstPointer(problem)).isEqualTo("/points/0/value");
  }

  @Test
  void rejects_a_bare_nan_as_malformed_json() {
    assertRejected(postRaw("{\"points\":[{\"metric\":\"offices\",\"ts\":\"2025-10-15T00:00:00Z\",\"value\":NaN}]}"),
        400);
  }

  @Test
  void rejects_a_timestamp_without_offset() {
    JsonObject problem = assertRejected(http.postPoints(batch(point("offices", "kr", "2025-10-15", 1))), 422);
    assertThat(firstPointer(problem)).isEqualTo("/points/0/ts");
  }

  @Test
  void rejects_malformed_json() {
    assertRejected(postRaw("{\"points\": [ {"), 400);
  }

  @Test
  void rejects_a_body_that_is_not_json() {
    assertRejected(http.send(HttpMethod.POST, "/api/v1/points", "metric=offices", TestApp.ADMIN_TOKEN,
        "application/x-www-form-urlencoded"), 415);
  }

  @Test
  void rejects_an_item_that_is_not_an_object_with_its_pointer_and_writes_nothing() {
    for (String item : List.of("5", "\"point\"", "null", "[]")) {
      JsonObject problem = assertRejected(postRaw("{\"points\":[{\"metric\":\"offices\",\"labels\":{\"region\":\"kr\"},"
          + "\"ts\":\"2025-10-15T00:00:00Z\",\"value\":1}," + item + "]}"), 422);
      assertThat(firstPointer(problem)).as(item).isEqualTo("/points/1");
    }
  }

  @Test
  void rejects_unknown_properties_with_their_pointer() {
    JsonObject p = point("offices", "kr", "2025-10-15T00:00:00Z", 1).put("colour", "red");
    JsonObject problem = assertRejected(http.postPoints(batch(p)), 422);
    assertThat(firstPointer(problem)).isEqualTo("/points/0/colour");
  }

  @Test
  void rejects_a_write_without_a_token() {
    HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/points",
        batch(point("offices", "kr", "2025-10-15T00:00:00Z", 1)).encode(), null, "application/json");
    assertRejected(r, 401);
    assertThat(r.getHeader("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void rejects_a_write_with_a_wrong_token() {
    assertRejected(http.send(HttpMethod.POST, "/api/v1/points",
        batch(point("offices", "kr", "2025-10-15T00:00:00Z", 1)).encode(), "not-the-admin-token-at-all",
        "application/json"), 403);
  }

  @Test
  void rejects_more_than_ten_thousand_points() {
    JsonArray points = new JsonArray();
    for (int i = 0; i < 10_001; i++) {
      points.add(point("weekly_users", "kr", "2024-01-01T00:00:00Z", i).put("ts",
          java.time.Instant.parse("2020-01-01T00:00:00Z").plusSeconds(i).toString()));
    }
    JsonObject problem = assertRejected(http.postPoints(new JsonObject().put("points", points)), 422);
    assertThat(firstPointer(problem)).isEqualTo("/points");
  }

  @Test
  void accepts_exactly_ten_thousand_points_in_one_request() {
    JsonArray points = new JsonArray();
    for (int i = 0; i < 10_000; i++) {
      points.add(point("weekly_users", "global", java.time.Instant.parse("2010-01-01T00:00:00Z").plusSeconds(i)
          .toString(), i));
    }
    HttpResponse<Buffer> r = http.postPoints(new JsonObject().put("points", points));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getInteger("written")).isEqualTo(10_000);
  }

  @Test
  void rejects_a_body_over_the_size_limit() {
    String big = "{\"points\":[{\"metric\":\"offices\",\"ts\":\"2025-10-15T00:00:00Z\",\"value\":1,\"source\":\""
        + "x".repeat((int) ApiRouter.BODY_LIMIT_BYTES) + "\"}]}";
    assertRejected(postRaw(big), 413);
  }

  @Test
  void rejects_an_empty_batch() {
    JsonObject problem = assertRejected(postRaw("{\"points\":[]}"), 422);
    assertThat(firstPointer(problem)).isEqualTo("/points");
  }

  private static String pointerOfOnlyError(JsonObject problem) {
    assertThat(problem.getJsonArray("errors")).hasSize(1);
    return firstPointer(problem);
  }

  private static String detailOfFirstError(JsonObject problem) {
    return problem.getJsonArray("errors").getJsonObject(0).getString("detail");
  }

  @Test
  void rejects_years_that_are_not_four_digits_and_writes_nothing() {
    for (String ts : List.of("+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "+002024-01-01T00:00:00Z")) {
      JsonObject problem = assertRejected(http.postPoints(batch(point("offices", "kr", ts, 1))), 422);
      assertThat(pointerOfOnlyError(problem)).isEqualTo("/points/0/ts");
      assertThat(detailOfFirstError(problem)).contains("is not an RFC 3339 time").contains("four-digit year");
    }
  }

  @Test
  void rejects_a_time_whose_utc_year_has_five_digits_and_writes_nothing() {
    JsonObject problem = assertRejected(http.postPoints(batch(point("offices", "kr", "9999-12-31T23:30:00-01:00", 1))),
        422);
    assertThat(detailOfFirstError(problem)).contains("0000-9999");
  }

  @Test
  void stores_the_edges_of_the_year_range_and_returns_them_as_sent() {
    HttpResponse<Buffer> r = http.postPoints(batch(point("offices", "edge", "0000-01-01T00:00:00Z", 1),
        point("offices", "edge", "9999-12-31T23:59:59.999999Z", 2)));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonArray points = http.get("/api/v1/metrics/offices/points?region=edge").bodyAsJsonObject()
        .getJsonArray("series").getJsonObject(0).getJsonArray("points");
    assertThat(points.stream().map(p -> ((JsonObject) p).getString("ts")))
        .containsExactly("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z");
  }

  @Test
  void accepts_a_lower_case_t_and_z() {
    HttpResponse<Buffer> r = http.postPoints(batch(point("offices", "lower", "2025-10-15t00:00:00z", 1)));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(TestDatabase.queryLong(running.db(), "SELECT count(*) FROM points p JOIN series s ON s.id = p.series_id "
        + "WHERE s.labels->>'region' = 'lower' AND p.ts = '2025-10-15T00:00:00Z'")).isEqualTo(1);
  }

  @Test
  void rejects_a_leap_second_and_writes_nothing() {
    JsonObject problem = assertRejected(http.postPoints(batch(point("offices", "kr", "2016-12-31T23:59:60Z", 1))), 422);
    assertThat(detailOfFirstError(problem)).contains("leap second");
  }

  @Test
  void rejects_precision_finer_than_a_microsecond_naming_the_point_and_writes_nothing() {
    JsonObject problem = assertRejected(http.postPoints(batch(
        point("weekly_users", "kr", "2025-10-20T00:00:00Z", 1),
        point("weekly_users", "kr", "2025-10-20T00:00:00.1Z", 2),
        point("weekly_users", "kr", "2025-10-20T00:00:00.000001Z", 3),
        point("weekly_users", "kr", "2025-10-20T00:00:00.0000001Z", 4))), 422);
    assertThat(pointerOfOnlyError(problem)).isEqualTo("/points/3/ts");
    assertThat(detailOfFirstError(problem)).contains("finer than a microsecond");
  }

  @Test
  void keeps_two_times_one_microsecond_apart_as_two_points_and_takes_zeros_beyond_the_sixth_digit() {
    JsonObject r = http.postPoints(batch(
        point("weekly_users", "micro", "2025-10-21T00:00:00.123456Z", 1),
        point("weekly_users", "micro", "2025-10-21T00:00:00.1234570Z", 2))).bodyAsJsonObject();
    assertThat(r.getInteger("written")).isEqualTo(2);
    JsonArray points = http.get("/api/v1/metrics/weekly_users/points?region=micro").bodyAsJsonObject()
        .getJsonArray("series").getJsonObject(0).getJsonArray("points");
    assertThat(points.stream().map(p -> ((JsonObject) p).getString("ts")))
        .containsExactly("2025-10-21T00:00:00.123456Z", "2025-10-21T00:00:00.123457Z");
  }

  @Test
  void rejects_a_lone_surrogate_in_a_label_value_or_source_and_writes_nothing() {
    JsonObject problem = assertRejected(postRaw("{\"points\":[{\"metric\":\"offices\",\"labels\":{\"region\":"
        + "\"\\ud800x\"},\"ts\":\"2025-10-15T00:00:00Z\",\"value\":1,\"source\":\"a\\udc00\"}]}"), 422);
    assertThat(problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")))
        .containsExactly("/points/0/labels/region", "/points/0/source");
    assertThat(detailOfFirstError(problem)).contains("not valid Unicode").contains("\\uD800");
  }

  @Test
  void rejects_a_lone_surrogate_in_a_property_name_as_malformed_json() {
    // The JSON parser itself refuses a broken pair in a name, before any pointer exists.
    assertRejected(postRaw("{\"points\":[{\"metric\":\"offices\",\"labels\":{\"\\ud800\":"
        + "\"kr\"},\"ts\":\"2025-10-15T00:00:00Z\",\"value\":1}]}"), 400);
  }

  @Test
  void rejects_nul_in_a_label_value_key_or_source_with_pointers_and_writes_nothing() {
    JsonObject value = point("offices", "k\u0000r", "2025-10-15T00:00:00Z", 1);
    JsonObject key = point("offices", "kr", "2025-10-15T00:00:00Z", 1);
    key.getJsonObject("labels").put("reg\u0000ion", "kr");
    JsonObject source = point("offices", "kr", "2025-10-15T00:00:00Z", 1).put("source", "rep\u0000ort");
    JsonObject problem = assertRejected(http.postPoints(batch(value, key, source)), 422);
    assertThat(problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")))
        .containsExactly("/points/0/labels/region", "/points/1/labels", "/points/2/source");
    assertThat(detailOfFirstError(problem)).contains("NUL");
  }

  @Test
  void rejects_a_body_that_is_not_utf8_and_writes_nothing() {
    byte[] head = "{\"points\":[{\"metric\":\"offices\",\"labels\":{\"region\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"},\"ts\":\"2025-10-15T00:00:00Z\",\"value\":1}]}".getBytes(StandardCharsets.UTF_8);
    for (byte[] bad : List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC1, (byte) 0x81},
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0x80})) {
      Buffer body = Buffer.buffer(head).appendBytes(bad).appendBytes(tail);
      JsonObject problem = assertRejected(postBytes(body), 400);
      assertThat(problem.getString("detail")).contains("not UTF-8").contains("byte " + head.length);
    }
  }

  @Test
  void keeps_label_sets_that_print_alike_as_two_series() {
    http.send(HttpMethod.PUT, "/api/v1/metrics/two_keys",
        "{\"name\":\"Two keys\",\"unit\":\"x\",\"labels\":[\"a\",\"c\"],\"cadence\":\"P7D\",\"display\":\"number\"}");
    JsonObject one = new JsonObject().put("metric", "two_keys").put("labels", new JsonObject().put("a", "b, c=d"))
        .put("ts", "2025-10-15T00:00:00Z").put("value", 1);
    JsonObject two = new JsonObject().put("metric", "two_keys").put("labels", new JsonObject().put("a", "b").put("c", "d"))
        .put("ts", "2025-10-15T00:00:00Z").put("value", 2);
    assertThat(http.postPoints(batch(one, two)).bodyAsJsonObject().getInteger("written")).isEqualTo(2);
    assertThat(TestDatabase.queryLong(running.db(), "SELECT count(*) FROM series WHERE metric_id = 'two_keys'"))
        .isEqualTo(2);
  }
}
