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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class AnnotationsApiTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();

  private static long rows() {
    return TestDatabase.queryLong(running.db(), "SELECT count(*) FROM annotations");
  }

  @Test
  void lists_the_reports_events_in_time_order(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      JsonArray list = http.get("/api/v1/annotations?to=2025-12-31T00:00:00Z").bodyAsJsonObject()
          .getJsonArray("annotations");
      assertThat(list.stream().map(a -> ((JsonObject) a).getString("title"))).containsExactly(
          "Strategic partnership with Kakao", "OpenAI Korea launch (Seoul)", "Founders Day",
          "DevDay Exchange in Korea");
      JsonArray september = http.get("/api/v1/annotations?from=2025-09-01T00:00:00Z&to=2025-09-30T00:00:00Z")
          .bodyAsJsonObject().getJsonArray("annotations");
      assertThat(september).hasSize(2);
    }
  }

  @Test
  void adds_an_annotation_for_a_metric(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/annotations",
          "{\"ts\":\"2026-01-05T09:00:00+09:00\",\"title\":\"Pricing change\",\"metrics\":[\"weekly_users\"]}");
      assertThat(r.statusCode()).isEqualTo(201);
      assertThat(r.bodyAsJsonObject().getString("ts")).isEqualTo("2026-01-05T00:00:00Z");
      assertThat(r.bodyAsJsonObject().getLong("id")).isPositive();
      JsonArray forOffices = http.get("/api/v1/annotations?metric=offices&from=2026-01-01T00:00:00Z")
          .bodyAsJsonObject().getJsonArray("annotations");
      assertThat(forOffices).isEmpty();
      JsonArray forUsers = http.get("/api/v1/annotations?metric=weekly_users&from=2026-01-01T00:00:00Z")
          .bodyAsJsonObject().getJsonArray("annotations");
      assertThat(forUsers).hasSize(1);
    }
  }

  @Test
  void rejects_an_unknown_metric_and_writes_nothing(Vertx vertx) {
    long before = rows();
    try (Http http = new Http(vertx, running.port())) {
      HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/annotations",
          "{\"ts\":\"2026-01-05T00:00:00Z\",\"title\":\"x\",\"metrics\":[\"weekly_users\",\"ghost\"]}");
      assertThat(r.statusCode()).isEqualTo(422);
      assertThat(r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
          .isEqualTo("/metrics/1");
    }
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void rejects_a_bad_timestamp_a_missing_title_and_a_missing_token(Vertx vertx) {
    long before = rows();
    try (Http http = new Http(vertx, running.port())) {
      HttpResponse<Buffer> badTs = http.send(HttpMethod.POST, "/api/v1/annotations", "{\"ts\":\"soon\",\"title\":\"x\"}");
      assertThat(badTs.statusCode()).isEqualTo(422);
      assertThat(badTs.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/ts");
      assertThat(http.send(HttpMethod.POST, "/api/v1/annotations", "{\"ts\":\"2026-01-05T00:00:00Z\"}").statusCode())
          .isEqualTo(422);
      assertThat(http.send(HttpMethod.POST, "/api/v1/annotations", "{\"ts\":\"2026-01-05T00:00:00Z\",\"title\":\"x\"}",
          null, "application/json").statusCode()).isEqualTo(401);
    }
    assertThat(rows()).isEqualTo(before);
  }

  private static String pointer(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    return r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer");
  }

  @Test
  void rejects_times_that_are_not_rfc_3339_or_finer_than_a_microsecond_and_writes_nothing(Vertx vertx) {
    long before = rows();
    try (Http http = new Http(vertx, running.port())) {
      for (String ts : List.of("+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "+002024-01-01T00:00:00Z",
          "2026-01-05T00:00:00.0000001Z")) {
        HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/annotations",
            new JsonObject().put("ts", ts).put("title", "x").encode());
        assertThat(pointer(r)).as(ts).isEqualTo("/ts");
      }
    }
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void rejects_nul_or_a_lone_surrogate_in_title_or_description_and_writes_nothing(Vertx vertx) {
    long before = rows();
    try (Http http = new Http(vertx, running.port())) {
      assertThat(pointer(http.send(HttpMethod.POST, "/api/v1/annotations",
          "{\"ts\":\"2026-01-05T00:00:00Z\",\"title\":\"Launch\\u0000\"}"))).isEqualTo("/title");
      assertThat(pointer(http.send(HttpMethod.POST, "/api/v1/annotations",
          "{\"ts\":\"2026-01-05T00:00:00Z\",\"title\":\"\\ud800x\"}"))).isEqualTo("/title");
      assertThat(pointer(http.send(HttpMethod.POST, "/api/v1/annotations",
          "{\"ts\":\"2026-01-05T00:00:00Z\",\"title\":\"ok\",\"description\":\"\\udc00\"}"))).isEqualTo("/description");
    }
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void rejects_nul_or_bad_times_in_the_list_filters(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      assertThat(pointer(http.get("/api/v1/annotations?metric=%00"))).isEqualTo("metric");
      assertThat(pointer(http.get("/api/v1/annotations?metric=%FF"))).isEqualTo("metric");
      assertThat(pointer(http.get("/api/v1/annotations?metric=a%00b"))).isEqualTo("metric");
      assertThat(pointer(http.get("/api/v1/annotations?from=%2B10000-01-01T00:00:00Z"))).isEqualTo("from");
    }
  }
}
