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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /api/v1/points} with a CSV body: small files, every class of bad input. */
@ExtendWith(VertxExtension.class)
class CsvImportTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();
  private Vertx vertx;
  private Http http;
  private long pointsBefore;
  private long seriesBefore;

  @BeforeEach
  void client(Vertx vertx) {
    this.vertx = vertx;
    http = new Http(vertx, running.port());
    pointsBefore = rows("points");
    seriesBefore = rows("series");
  }

  @AfterEach
  void closeClient() {
    http.close();
  }

  private static long rows(String table) {
    return TestDatabase.queryLong(running.db(), "SELECT count(*) FROM " + table);
  }

  private HttpResponse<Buffer> post(byte[] body, String contentType) {
    return post(body, contentType, TestApp.ADMIN_TOKEN);
  }

  private HttpResponse<Buffer> post(byte[] body, String contentType, String token) {
    WebClient client = WebClient.create(vertx);
    try {
      return client.post(running.port(), "127.0.0.1", "/api/v1/points")
          .putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", contentType)
          .sendBuffer(Buffer.buffer(body)).await();
    } finally {
      client.close();
    }
  }

  private HttpResponse<Buffer> post(String csv) {
    return post(csv.getBytes(StandardCharsets.UTF_8), "text/csv");
  }

  /** Problem+json with this status, and nothing written. */
  private JsonObject rejected(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = r.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("detail")).isNotBlank();
    assertThat(rows("points")).isEqualTo(pointsBefore);
    assertThat(rows("series")).isEqualTo(seriesBefore);
    return problem;
  }

  private static JsonObject error(JsonObject problem, int i) {
    return problem.getJsonArray("errors").getJsonObject(i);
  }

  private String stored(String ts) {
    return TestDatabase.queryString(running.db(),
        "SELECT s.labels::text || ' ' || p.value || ' ' || p.source FROM points p JOIN series s ON s.id = p.series_id"
            + " WHERE p.ts = '" + ts + "'");
  }

  @Test
  void imports_rows_and_answers_how_many_were_read_and_written() {
    HttpResponse<Buffer> r = post("metric,ts,value,source,region\n"
        + "weekly_users,2024-01-01T00:00:00Z,10,report,kr\n"
        + "weekly_users,2024-01-08T00:00:00Z,11.5,,kr\n"
        + "offices,2024-01-08T00:00:00+09:00,3,,\n");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getInteger("rows")).isEqualTo(3);
    assertThat(body.getInteger("accepted")).isEqualTo(3);
    assertThat(body.getInteger("written")).isEqualTo(3);
    assertThat(body.getLong("seq")).isEqualTo(TestDatabase.queryLong(running.db(), "SELECT max(seq) FROM points"));
    assertThat(stored("2024-01-08T00:00:00Z")).isEqualTo("{\"region\": \"kr\"} 11.5 ");
    assertThat(stored("2024-01-07T15:00:00Z")).isEqualTo("{} 3 ");
  }

  @Test
  void columns_may_come_in_any_order_with_a_bom_and_crlf() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = "region,value,ts,metric\r\nkr,5,2024-02-01T00:00:00Z,offices\r\n".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, body, 0, 3);
    System.arraycopy(text, 0, body, 3, text.length);
    HttpResponse<Buffer> r = post(body, "text/csv; charset=utf-8");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(post(text, "text/csv").bodyAsJsonObject().getInteger("unchanged")).isEqualTo(1);
    assertThat(stored("2024-02-01T00:00:00Z")).isEqualTo("{\"region\": \"kr\"} 5 ");
  }

  @Test
  void quoted_cells_keep_commas_quotes_and_newlines() {
    HttpResponse<Buffer> r = post("metric,ts,value,source,region\n"
        + "offices,2024-03-01T00:00:00Z,1,\"a, \"\"quoted\"\"\nsource\",\"kr\"\n"
        + "offices,2024-03-02T00:00:00Z,2,\"crlf\r\ninside\",kr\n");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(stored("2024-03-01T00:00:00Z")).isEqualTo("{\"region\": \"kr\"} 1 a, \"quoted\"\nsource");
    assertThat(stored("2024-03-02T00:00:00Z")).isEqualTo("{\"region\": \"kr\"} 2 crlf\r\ninside");
  }

  @Test
  void a_formula_guard_is_dropped_as_the_export_wrote_it() {
    HttpResponse<Buffer> r = post("metric,ts,value,source,region\n"
        + "offices,2024-04-01T00:00:00Z,1,'=SUM(A1),'-1\n"
        + "offices,2024-04-02T00:00:00Z,1,'plain,kr\n");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(stored("2024-04-01T00:00:00Z")).isEqualTo("{\"region\": \"-1\"} 1 =SUM(A1)");
    assertThat(stored("2024-04-02T00:00:00Z")).isEqualTo("{\"region\": \"kr\"} 1 'plain");
  }

  @Test
  void importing_the_same_file_again_changes_nothing() {
    String csv = "metric,ts,value,region\noffices,2024-05-01T00:00:00Z,1,kr\noffices,2024-05-02T00:00:00Z,2,kr\n";
    long seq = post(csv).bodyAsJsonObject().getLong("seq");
    long revisions = rows("point_revisions");
    JsonObject again = post(csv).bodyAsJsonObject();
    assertThat(again.getInteger("written")).isZero();
    assertThat(again.getInteger("unchanged")).isEqualTo(2);
    assertThat(TestDatabase.queryLong(running.db(), "SELECT max(seq) FROM points")).isEqualTo(seq);
    assertThat(rows("point_revisions")).isEqualTo(revisions);
    assertThat(rows("points")).isEqualTo(pointsBefore + 2);
  }

  @Test
  void bad_rows_are_named_by_row_and_column_and_nothing_is_written() {
    JsonObject problem = rejected(post("metric,ts,value,region\n"
        + "offices,2024-06-01T00:00:00Z,1,kr\n"
        + "offices,yesterday,1,kr\n"
        + "offices,2024-06-03T00:00:00Z,NaN,kr\n"
        + "no_such_metric,2024-06-04T00:00:00Z,1,kr\n"
        + "offices,2024-06-05T00:00:00Z,1e400,kr\n"
        + "offices,2024-06-06T00:00:00Z,,kr\n"
        + "offices,2024-06-07T00:00:00Z,1\n"), 422);
    JsonArray errors = problem.getJsonArray("errors");
    assertThat(errors.stream().map(e -> ((JsonObject) e).getString("pointer")))
        .containsExactly("/rows/2/ts", "/rows/3/value", "/rows/4/metric", "/rows/5/value", "/rows/6/value", "/rows/7");
    assertThat(error(problem, 2).getString("detail")).contains("unknown metric");
    assertThat(error(problem, 5).getString("detail")).contains("has 3 cells; the header has 4");
  }

  @Test
  void a_label_the_metric_does_not_declare_is_named_at_its_column() {
    JsonObject problem = rejected(post("metric,ts,value,team\noffices,2024-06-01T00:00:00Z,1,sales\n"), 422);
    assertThat(error(problem, 0).getString("pointer")).isEqualTo("/rows/1/team");
    assertThat(error(problem, 0).getString("detail")).contains("not allowed for offices");
  }

  @Test
  void a_header_without_a_required_column_or_with_a_repeated_one_is_named() {
    JsonObject missing = rejected(post("metric,ts,region\noffices,2024-06-01T00:00:00Z,kr\n"), 422);
    assertThat(error(missing, 0).getString("pointer")).isEqualTo("/rows/0");
    assertThat(error(missing, 0).getString("detail")).contains("no 'value' column");
    JsonObject repeated = rejected(post("metric,ts,value,ts\noffices,2024-06-01T00:00:00Z,1,x\n"), 422);
    assertThat(error(repeated, 0).getString("detail")).contains("column 4 repeats the column 'ts'");
    JsonObject unnamed = rejected(post("metric,ts,value,\noffices,2024-06-01T00:00:00Z,1,x\n"), 422);
    assertThat(error(unnamed, 0).getString("detail")).contains("column 4 has no name");
  }

  @Test
  void a_header_without_rows_is_invalid() {
    JsonObject problem = rejected(post("metric,ts,value\n"), 422);
    assertThat(error(problem, 0).getString("pointer")).isEqualTo("/rows/1");
  }

  @Test
  void an_empty_body_or_only_a_bom_is_400() {
    rejected(post(new byte[0], "text/csv"), 400);
    rejected(post(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "text/csv"), 400);
  }

  @Test
  void a_body_that_is_not_utf8_is_400() {
    byte[] latin1 = "metric,ts,value,source\noffices,2024-06-01T00:00:00Z,1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    JsonObject problem = rejected(post(latin1, "text/csv"), 400);
    assertThat(problem.getString("detail")).contains("not UTF-8");
  }

  @Test
  void another_charset_or_utf16_is_415() {
    rejected(post("metric,ts,value\noffices,2024-06-01T00:00:00Z,1\n".getBytes(StandardCharsets.ISO_8859_1),
        "text/csv; charset=iso-8859-1"), 415);
    JsonObject utf16 = rejected(post("metric,ts,value\noffices,2024-06-01T00:00:00Z,1\n".getBytes(StandardCharsets.UTF_16),
        "text/csv"), 415);
    assertThat(utf16.getString("detail")).contains("UTF-16");
  }

  @Test
  void an_unclosed_quote_is_400_and_never_reads_the_rest_into_one_cell() {
    String open = "metric,ts,value,source\noffices,2024-06-01T00:00:00Z,1,\"never closed\n" + "x".repeat(200_000);
    JsonObject problem = rejected(post(open), 400);
    assertThat(error(problem, 0).getString("pointer")).isEqualTo("/rows/1");
  }

  @Test
  void a_stray_quote_is_400_naming_the_row() {
    JsonObject problem = rejected(post("metric,ts,value,source\noffices,2024-06-01T00:00:00Z,1,\"a\"b\n"), 400);
    assertThat(error(problem, 0).getString("pointer")).isEqualTo("/rows/1");
  }

  @Test
  void without_a_token_it_is_401_and_nothing_is_written() {
    HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/points",
        "metric,ts,value\noffices,2024-06-01T00:00:00Z,1\n", null, "text/csv");
    rejected(r, 401);
  }

  @Test
  void a_token_that_may_not_write_is_403_before_the_body_is_read() {
    HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/points",
        "metric,ts,value\noffices,2024-06-01T00:00:00Z,1\n", "not-the-admin-token", "text/csv");
    rejected(r, 403);
  }

  @Test
  void a_write_scoped_token_imports_only_its_metrics_and_is_recorded_as_the_writer() {
    JsonObject created = http.send(HttpMethod.POST, "/api/v1/tokens",
        "{\"name\":\"etl\",\"scopes\":[\"write:weekly_users\"]}", TestApp.ADMIN_TOKEN, "application/json")
        .bodyAsJsonObject();
    String token = created.getString("token");
    String outside = "metric,ts,value,region\nweekly_users,2024-06-03T00:00:00Z,1,kr\n"
        + "offices,2024-06-03T00:00:00Z,2,kr\n";
    JsonObject problem = rejected(post(outside.getBytes(StandardCharsets.UTF_8), "text/csv", token), 403);
    assertThat(problem.getString("missing_scope")).isEqualTo("write:offices");
    assertThat(error(problem, 0).getString("pointer")).isEqualTo("/rows/2/metric");

    String inside = "metric,ts,value,region\nweekly_users,2024-06-03T00:00:00Z,1,kr\n";
    HttpResponse<Buffer> r = post(inside.getBytes(StandardCharsets.UTF_8), "text/csv", token);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(TestDatabase.queryLong(running.db(), "SELECT token_id FROM points WHERE ts = '2024-06-03T00:00:00Z'"))
        .isEqualTo(created.getLong("id"));
  }

  @Test
  void json_is_still_taken_and_other_types_are_415() {
    rejected(post("metric,ts,value\n".getBytes(StandardCharsets.UTF_8), "text/plain"), 415);
    assertThat(http.postPoints(Http.regionPoint("offices", "kr", "2024-07-01T00:00:00Z", 1)).statusCode()).isEqualTo(200);
  }

  @Test
  void an_upload_cut_off_midway_writes_nothing_and_releases_the_writers() {
    StringBuilder rows = new StringBuilder("metric,ts,value,region\n");
    for (int i = 0; i < 6_000; i++) { // more than a chunk: the first chunk is written, then rolled back
      rows.append("offices,2019-01-01T00:00:").append(String.format("%02d", i % 60)).append(".").append(String.format("%06d", i))
          .append("Z,1,kr\n");
    }
    io.vertx.core.net.NetSocket socket = vertx.createNetClient().connect(running.port(), "127.0.0.1").await();
    byte[] body = rows.toString().getBytes(StandardCharsets.UTF_8);
    socket.write("POST /api/v1/points HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestApp.ADMIN_TOKEN
        + "\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n"
        + Integer.toHexString(body.length) + "\r\n").await();
    socket.write(Buffer.buffer(body)).await();
    socket.write("\r\n").await();
    socket.close().await();
    // The next write needs the writers' lock: it gets it once the cut-off import is rolled back.
    assertThat(http.postPoints(Http.regionPoint("offices", "kr", "2019-06-01T00:00:00Z", 1)).statusCode()).isEqualTo(200);
    assertThat(TestDatabase.queryLong(running.db(), "SELECT count(*) FROM points WHERE ts < '2019-02-01'")).isZero();
  }

  @Test
  void a_client_that_expects_100_continue_is_told_to_send_the_body() {
    io.vertx.core.net.NetSocket socket = vertx.createNetClient().connect(running.port(), "127.0.0.1").await();
    io.vertx.core.Promise<Void> continued = io.vertx.core.Promise.promise();
    io.vertx.core.Promise<Void> answered = io.vertx.core.Promise.promise();
    Buffer received = Buffer.buffer();
    socket.handler(data -> {
      received.appendBuffer(data);
      if (received.toString().startsWith("HTTP/1.1 100 Continue")) {
        continued.tryComplete();
      }
      if (received.toString().contains("\"rows\":1")) {
        answered.tryComplete();
      }
    });
    String body = "metric,ts,value,region\noffices,2024-08-01T00:00:00Z,1,kr\n";
    socket.write("POST /api/v1/points HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestApp.ADMIN_TOKEN
        + "\r\nContent-Type: text/csv\r\nExpect: 100-continue\r\nContent-Length: " + body.length() + "\r\n\r\n");
    continued.future().await();
    socket.write(body).await();
    answered.future().await();
    assertThat(received.toString()).contains("HTTP/1.1 200 OK");
    socket.close();
  }
}
