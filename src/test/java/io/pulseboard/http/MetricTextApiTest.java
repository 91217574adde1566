package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code PUT /api/v1/metrics/{id}} refuses text the store cannot keep exactly, and writes nothing. */
@ExtendWith(VertxExtension.class)
class MetricTextApiTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();

  /** The number of metrics and a digest of every row: any write changes one or the other. */
  private static String stored() {
    return TestDatabase.queryLong(running.db(), "SELECT count(*) FROM metrics") + "/"
        + TestDatabase.queryLong(running.db(), "SELECT coalesce(sum(hashtext(m::text)::bigint), 0) FROM metrics m");
  }

  /** A metric body whose field holds the raw JSON string text (escapes included). */
  private static String body(String field, String rawJsonText) {
    JsonObject ok = new JsonObject().put("name", "Offices").put("unit", "offices").put("description", "")
        .put("labels", new io.vertx.core.json.JsonArray().add("region")).put("cadence", "P7D").put("display", "number");
    return ok.encode().replace("\"" + field + "\":\"" + ok.getString(field) + "\"",
        "\"" + field + "\":\"" + rawJsonText + "\"");
  }

  private static void assertRefused(HttpResponse<Buffer> r, String pointer) {
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo(pointer);
  }

  @Test
  void rejects_nul_in_name_unit_or_description_and_writes_nothing(Vertx vertx) {
    String before = stored();
    try (Http http = new Http(vertx, running.port())) {
      for (String field : new String[] {"name", "unit", "description"}) {
        assertRefused(http.send(HttpMethod.PUT, "/api/v1/metrics/offices", body(field, "a\\u0000b")), "/" + field);
        assertRefused(http.send(HttpMethod.PUT, "/api/v1/metrics/new_metric", body(field, "a\\u0000b")), "/" + field);
      }
    }
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void rejects_a_lone_surrogate_in_name_unit_or_description_and_writes_nothing(Vertx vertx) {
    String before = stored();
    try (Http http = new Http(vertx, running.port())) {
      for (String field : new String[] {"name", "unit", "description"}) {
        assertRefused(http.send(HttpMethod.PUT, "/api/v1/metrics/offices", body(field, "\\ud800x")), "/" + field);
      }
    }
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void still_takes_any_valid_unicode(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      HttpResponse<Buffer> r = http.send(HttpMethod.PUT, "/api/v1/metrics/emoji_metric", body("name", "사용자 \\ud83d\\ude00"));
      assertThat(r.statusCode()).isEqualTo(201);
      assertThat(http.get("/api/v1/metrics/emoji_metric").bodyAsJsonObject().getString("name")).isEqualTo("사용자 😀");
    }
  }
}
