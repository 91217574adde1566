package io.pulseboard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;

/** Metrics, rules, points and the rows a claim writes, for the alert engine's tests. */
final class AlertFixture {
  private static final long PAUSE_MS = 100;

  private final Http http;
  private final String db;

  AlertFixture(Http http, String db) {
    this.http = http;
    this.db = db;
  }

  /** A metric with a region label and this cadence. */
  void metric(String id, String cadence) {
    JsonObject body = new JsonObject().put("name", id).put("unit", "x").put("labels", new JsonArray().add("region"))
        .put("cadence", cadence).put("display", "number");
    assertThat(http.send(HttpMethod.PUT, "/api/v1/metrics/" + id, body.encode()).statusCode()).isIn(200, 201);
  }

  /** A webhook channel (stored directly: the channels API is not what these tests are about); its id. */
  long channel(String name) {
    TestDatabase.execute(db, "INSERT INTO channels (name, kind, url, format, secret) VALUES ('" + name
        + "', 'webhook', 'https://hooks.example.com/" + name + "', 'json', 'secret')");
    return TestDatabase.queryLong(db, "SELECT max(id) FROM channels");
  }

  /** Creates a rule; its id. */
  long rule(JsonObject body) {
    HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/alert-rules", body.encode());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getLong("id");
  }

  /** Creates a goal; its id. */
  long goal(JsonObject body) {
    HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/goals", body.encode());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getLong("id");
  }

  /** Writes a point of the kr series. */
  void point(String metric, String ts, double value) {
    HttpResponse<Buffer> r = http.postPoints(Http.regionPoint(metric, "kr", ts, value));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  /** The transition count of a rule on its (one) series; 0 before it first fired. */
  long transitions(long rule) {
    return TestDatabase.queryLong(db, "SELECT coalesce(max(transition), 0) FROM alerts WHERE rule_id = " + rule);
  }

  String state(long rule) {
    return TestDatabase.queryString(db, "SELECT state FROM alerts WHERE rule_id = " + rule);
  }

  long notifications(long rule) {
    return TestDatabase.queryLong(db, "SELECT count(*) FROM notifications WHERE rule_id = " + rule);
  }

  long events(long rule) {
    return TestDatabase.queryLong(db, "SELECT count(*) FROM events WHERE topic = 'alerts' AND (body->>'rule')::bigint = "
        + rule);
  }

  /** Waits until the rule has made this many transitions and is in this state. */
  void await(long rule, long transitions, String state) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (transitions(rule) < transitions) {
      assertThat(System.nanoTime()).as("rule %d reaches transition %d", rule, transitions).isLessThan(deadline);
      Thread.sleep(PAUSE_MS);
    }
    assertThat(transitions(rule)).as("transitions of rule %d", rule).isEqualTo(transitions);
    assertThat(state(rule)).isEqualTo(state);
  }

  /**
   * Checks that each of the rule's transitions so far wrote exactly one notification per
   * channel and one event, with the states alternating from firing.
   */
  void onceEach(long rule, long transitions, int channels) {
    assertThat(notifications(rule)).as("notifications of rule %d", rule).isEqualTo(transitions * channels);
    assertThat(events(rule)).as("alerts events of rule %d", rule).isEqualTo(transitions);
    for (long t = 1; t <= transitions; t++) {
      String expected = t % 2 == 1 ? "firing" : "resolved";
      assertThat(TestDatabase.queryLong(db, "SELECT count(*) FROM notifications WHERE rule_id = " + rule
          + " AND transition_seq = " + t + " AND state = '" + expected + "'")).as("transition %d", t).isEqualTo(channels);
    }
  }
}
