package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whole-number query parameters: out of range or not written in digits is a 422 naming the parameter. */
@ExtendWith(VertxExtension.class)
class NumericParametersTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();

  private static void assertInvalid(Http http, String uri, String parameter) {
    HttpResponse<Buffer> r = http.get(uri);
    assertThat(r.statusCode()).as(uri).isEqualTo(422);
    assertThat(r.getHeader("Content-Type")).as(uri).isEqualTo("application/problem+json");
    assertThat(r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer")).as(uri)
        .isEqualTo(parameter);
  }

  private static long head() {
    return TestDatabase.queryLong(running.db(), "SELECT coalesce(max(seq), 0) FROM points");
  }

  @Test
  void a_since_past_the_largest_long_is_422_not_500(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      for (String since : List.of("99999999999999999999", "9223372036854775808", "18446744073709551616")) {
        assertInvalid(http, "/api/v1/changes?since=" + since, "since");
      }
    }
  }

  @Test
  void numbers_not_written_as_whole_decimal_digits_are_422(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      for (String since : List.of("1e3", "1E1", "1.0", "%2B5")) {
        assertInvalid(http, "/api/v1/changes?since=" + since, "since");
      }
      for (String limit : List.of("1e3", "10.0", "9999.9999999999999999", "99999999999999999999")) {
        assertInvalid(http, "/api/v1/changes?since=0&limit=" + limit, "limit");
      }
    }
  }

  @Test
  void a_numeric_parameter_given_twice_is_422(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      assertInvalid(http, "/api/v1/changes?since=1&since=2", "since");
    }
  }

  @Test
  void the_history_limit_out_of_range_or_not_digits_is_422(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      for (String limit : List.of("99999999999999999999", "1e2", "5.0", "0")) {
        assertInvalid(http, "/api/v1/metrics/weekly_users/points?limit=" + limit, "limit");
      }
      assertThat(http.get("/api/v1/metrics/weekly_users/points?limit=1").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void head_is_the_real_head_when_since_is_past_it(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      long head = head();
      assertThat(head).isPositive();
      for (long since : List.of(Long.MAX_VALUE, head + 1000)) {
        HttpResponse<Buffer> r = http.get("/api/v1/changes?since=" + since);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject body = r.bodyAsJsonObject();
        assertThat(body.getLong("head")).as("since=%d", since).isEqualTo(head);
        assertThat(body.getLong("seq")).isEqualTo(since);
        assertThat(body.getJsonArray("items")).isEmpty();
      }
    }
  }

  @Test
  void head_is_the_real_head_when_there_are_changes(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      JsonObject body = http.get("/api/v1/changes?since=0&limit=1").bodyAsJsonObject();
      assertThat(body.getLong("head")).isEqualTo(head());
      assertThat(body.getBoolean("more")).isTrue();
    }
  }
}
