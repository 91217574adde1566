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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Names and descriptions per language, names of label values, and units, through {@code PUT /api/v1/metrics/{id}}. */
@ExtendWith(VertxExtension.class)
class MetricNamesApiTest {
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

  /** A valid definition of a revenue metric in won, named in English and Korean. */
  static JsonObject revenue() {
    return new JsonObject()
        .put("name", new JsonObject().put("en", "Revenue").put("ko", "매출"))
        .put("description", new JsonObject().put("en", "Revenue per region.").put("ko", "지역별 매출."))
        .put("unit", "KRW")
        .put("labels", new JsonArray().add("region"))
        .put("label_values", new JsonObject().put("region", new JsonObject()
            .put("kr", new JsonObject().put("en", "Korea").put("ko", "한국"))
            .put("jp", new JsonObject().put("ko", "일본"))))
        .put("cadence", "P1D")
        .put("display", "number");
  }

  /** The number of metrics and a digest of every row: any write changes one or the other. */
  private static String stored() {
    return TestDatabase.queryLong(running.db(), "SELECT count(*) FROM metrics") + "/"
        + TestDatabase.queryLong(running.db(), "SELECT coalesce(sum(hashtext(m::text)::bigint), 0) FROM metrics m");
  }

  private HttpResponse<Buffer> put(String id, JsonObject body) {
    return http.send(HttpMethod.PUT, "/api/v1/metrics/" + id, body.encode());
  }

  /** Refused with 422 problem+json naming the pointer, and nothing written, for a new and an existing metric. */
  private void assertRefused(JsonObject body, String pointer) {
    String before = stored();
    for (String id : List.of("new_metric", "offices")) {
      HttpResponse<Buffer> r = put(id, body);
      assertThat(r.statusCode()).as(body.encode()).isEqualTo(422);
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      JsonObject problem = r.bodyAsJsonObject();
      assertThat(problem.getInteger("status")).isEqualTo(422);
      assertThat(problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")))
          .as(problem.encode()).contains(pointer);
    }
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void a_metric_keeps_its_names_per_language_and_serves_them() {
    HttpResponse<Buffer> created = put("revenue", revenue());
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject metric = http.get("/api/v1/metrics/revenue").bodyAsJsonObject();
    assertThat(metric.getString("name")).isEqualTo("Revenue");
    assertThat(metric.getJsonObject("names")).isEqualTo(new JsonObject().put("en", "Revenue").put("ko", "매출"));
    assertThat(metric.getString("description")).isEqualTo("Revenue per region.");
    assertThat(metric.getJsonObject("descriptions").getString("ko")).isEqualTo("지역별 매출.");
    assertThat(metric.getString("unit")).isEqualTo("KRW");
    assertThat(metric.getJsonObject("label_values")).isEqualTo(revenue().getJsonObject("label_values"));
    assertThat(created.bodyAsJsonObject().getJsonObject("names").getString("ko")).isEqualTo("매출");
    JsonObject listed = http.get("/api/v1/metrics").bodyAsJsonObject().getJsonArray("metrics").stream()
        .map(JsonObject.class::cast).filter(m -> m.getString("id").equals("revenue")).findFirst().orElseThrow();
    assertThat(listed.getJsonObject("names").getString("ko")).isEqualTo("매출");
    assertThat(put("revenue", revenue()).statusCode()).as("the same again").isEqualTo(200);
  }

  @Test
  void a_plain_string_is_still_a_name_in_english() {
    JsonObject body = revenue().put("name", "Plain").put("description", "Plain text").put("unit", "users");
    body.remove("label_values");
    assertThat(put("plain_names", body).statusCode()).isEqualTo(201);
    JsonObject metric = http.get("/api/v1/metrics/plain_names").bodyAsJsonObject();
    assertThat(metric.getString("name")).isEqualTo("Plain");
    assertThat(metric.getJsonObject("names")).isEqualTo(new JsonObject().put("en", "Plain"));
    assertThat(metric.getJsonObject("descriptions")).isEqualTo(new JsonObject().put("en", "Plain text"));
    assertThat(metric.getJsonObject("label_values")).isEqualTo(new JsonObject());
  }

  @Test
  void seeded_metrics_carry_their_korean_names_from_the_seed_data() {
    JsonObject metric = http.get("/api/v1/metrics/weekly_users").bodyAsJsonObject();
    assertThat(metric.getString("name")).isEqualTo("Weekly active users");
    assertThat(metric.getJsonObject("names").getString("ko")).isEqualTo("주간 활성 사용자");
    assertThat(metric.getJsonObject("label_values").getJsonObject("region").getJsonObject("kr").getString("ko"))
        .isEqualTo("한국");
  }

  @Test
  void language_tags_of_other_languages_and_scripts_are_taken() {
    JsonObject body = revenue().put("name", new JsonObject().put("en", "Revenue").put("ja", "売上")
        .put("zh-Hant", "營收").put("pt-BR", "Receita").put("es-419", "Ingresos"));
    assertThat(put("many_languages", body).statusCode()).isEqualTo(201);
  }

  @Test
  void an_unknown_language_key_is_refused() {
    assertRefused(revenue().put("name", new JsonObject().put("en", "Revenue").put("xx", "?")), "/name/xx");
    assertRefused(revenue().put("name", new JsonObject().put("en", "Revenue").put("ko-XY", "?")), "/name/ko-XY");
  }

  @Test
  void a_malformed_language_key_is_refused() {
    assertRefused(revenue().put("name", new JsonObject().put("en", "Revenue").put("KO", "매출")), "/name/KO");
    assertRefused(revenue().put("name", new JsonObject().put("en", "Revenue").put("ko_KR", "매출")), "/name/ko_KR");
    assertRefused(revenue().put("description", new JsonObject().put("en", "x").put("korean", "매출")),
        "/description/korean");
  }

  @Test
  void a_malformed_names_object_is_refused() {
    assertRefused(revenue().put("name", new JsonObject().put("en", 5)), "/name/en");
    assertRefused(revenue().put("name", new JsonArray().add("Revenue")), "/name");
    assertRefused(revenue().put("name", 12), "/name");
    assertRefused(revenue().put("name", new JsonObject()), "/name");
  }

  @Test
  void names_per_language_need_a_non_empty_english_name() {
    assertRefused(revenue().put("name", new JsonObject().put("ko", "매출")), "/name");
    assertRefused(revenue().put("name", new JsonObject().put("en", "").put("ko", "매출")), "/name/en");
    assertRefused(revenue().put("description", new JsonObject().put("ko", "설명")), "/description");
  }

  @Test
  void bad_label_value_names_are_refused() {
    JsonObject region = new JsonObject().put("kr", new JsonObject().put("ko", "한국"));
    assertRefused(revenue().put("label_values", new JsonObject().put("city", region)), "/label_values/city");
    assertRefused(revenue().put("label_values", new JsonObject().put("region",
        new JsonObject().put("kr", "한국"))), "/label_values/region/kr");
    assertRefused(revenue().put("label_values", new JsonObject().put("region",
        new JsonObject().put("kr", new JsonObject().put("xx", "한국")))), "/label_values/region/kr/xx");
    assertRefused(revenue().put("label_values", new JsonObject().put("region",
        new JsonObject().put("kr", new JsonObject().put("ko", "")))), "/label_values/region/kr/ko");
    assertRefused(revenue().put("label_values", new JsonObject().put("region",
        new JsonObject().put("kr", new JsonObject()))), "/label_values/region/kr");
  }

  @Test
  void a_unit_that_is_not_one_is_refused() {
    assertRefused(revenue().put("unit", "KRX"), "/unit");
    assertRefused(revenue().put("unit", "EUX"), "/unit");
    assertRefused(revenue().put("unit", "a\u0000b"), "/unit");
  }

  @Test
  void every_kind_of_unit_is_taken() {
    for (String unit : List.of("USD", "EUR", "JPY", "%", "x", "users", "명", "GB/s")) {
      assertThat(put("unit_kinds", revenue().put("unit", unit)).statusCode()).as(unit).isIn(200, 201);
      assertThat(http.get("/api/v1/metrics/unit_kinds").bodyAsJsonObject().getString("unit")).isEqualTo(unit);
    }
  }

  @Test
  void the_history_says_the_unit_in_a_header_and_keeps_the_csv_columns() {
    put("revenue_csv", revenue());
    http.postPoints(Http.regionPoint("revenue_csv", "kr", "2025-09-10T00:00:00Z", 1500));
    HttpResponse<Buffer> csv = http.get("/api/v1/metrics/revenue_csv/points", "Accept", "text/csv");
    assertThat(csv.getHeader("Pulseboard-Unit")).isEqualTo("KRW");
    assertThat(csv.bodyAsString()).startsWith("metric,ts,value,source,region\r\n");
    put("revenue_csv", revenue().put("unit", "명"));
    assertThat(http.get("/api/v1/metrics/revenue_csv/points").getHeader("Pulseboard-Unit")).isEqualTo("%EB%AA%85");
  }
}
