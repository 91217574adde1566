package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writes are checked against the metric definitions the server keeps in memory. A metric
 * changed in the database by something else (another instance) right before a write must not
 * make the write answer differently from a server that read the definition then: each test
 * first writes once, so the old definition is the one kept, then changes it with SQL and writes
 * at once, before the change's notification may have arrived.
 */
@ExtendWith(VertxExtension.class)
class MetricCatalogueWriteTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();
  private Http http;

  @BeforeEach
  void client(Vertx vertx) {
    http = new Http(vertx, running.port());
  }

  @AfterEach
  void closeClient() {
    http.close();
  }

  private static void define(String id, String labels) {
    TestDatabase.execute(running.db(), "INSERT INTO metrics (id, name, unit, description, labels, cadence, display)"
        + " VALUES ('" + id + "', '{\"en\":\"C\"}', 'x', '{\"en\":\"\"}', '" + labels + "', 'PT1S', 'number')");
  }

  private static JsonObject teamPoint(String metric, String ts) {
    return new JsonObject().put("points", new JsonArray().add(new JsonObject().put("metric", metric)
        .put("labels", new JsonObject().put("region", "eu").put("team", "a")).put("ts", ts).put("value", 1)));
  }

  private static long points(String metric) {
    return TestDatabase.queryLong(running.db(), "SELECT count(*) FROM points p JOIN series s ON s.id = p.series_id"
        + " WHERE s.metric_id = '" + metric + "'");
  }

  private static void assertUnprocessable(HttpResponse<Buffer> r, String detailPart) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(422);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.bodyAsString()).contains(detailPart);
  }

  @Test
  void a_metric_created_elsewhere_is_writable_at_once() {
    define("cat_new", "{region}");
    assertThat(http.postPoints(Http.regionPoint("cat_new", "eu", "2033-01-01T00:00:00Z", 1)).statusCode()).isEqualTo(200);
  }

  @Test
  void a_label_key_added_elsewhere_is_accepted_at_once() {
    define("cat_added", "{region}");
    assertThat(http.postPoints(Http.regionPoint("cat_added", "eu", "2033-01-01T00:00:00Z", 1)).statusCode()).isEqualTo(200);
    TestDatabase.execute(running.db(), "UPDATE metrics SET labels = '{region,team}' WHERE id = 'cat_added'");
    assertThat(http.postPoints(teamPoint("cat_added", "2033-01-01T00:00:01Z")).statusCode()).isEqualTo(200);
  }

  @Test
  void a_label_key_dropped_elsewhere_is_refused_at_once_and_nothing_is_written() {
    define("cat_dropped", "{region,team}");
    assertThat(http.postPoints(Http.regionPoint("cat_dropped", "eu", "2033-01-01T00:00:00Z", 1)).statusCode()).isEqualTo(200);
    TestDatabase.execute(running.db(), "UPDATE metrics SET labels = '{region}' WHERE id = 'cat_dropped'");
    assertUnprocessable(http.postPoints(teamPoint("cat_dropped", "2033-01-01T00:00:01Z")), "team");
    assertThat(points("cat_dropped")).isEqualTo(1);
  }

  @Test
  void a_metric_deleted_elsewhere_is_unknown_at_once_and_nothing_is_written() {
    define("cat_deleted", "{region}");
    assertThat(http.postPoints(Http.regionPoint("cat_deleted", "eu", "2033-01-01T00:00:00Z", 1)).statusCode()).isEqualTo(200);
    TestDatabase.execute(running.db(), "DELETE FROM metrics WHERE id = 'cat_deleted'");
    assertUnprocessable(http.postPoints(Http.regionPoint("cat_deleted", "eu", "2033-01-01T00:00:01Z", 1)),
        "unknown metric");
    assertThat(TestDatabase.queryLong(running.db(), "SELECT count(*) FROM points p"
        + " WHERE NOT EXISTS (SELECT 1 FROM series s WHERE s.id = p.series_id)")).isZero();
  }
}
