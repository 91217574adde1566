package io.pulseboard.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestApp;
import io.pulseboard.http.Contract;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

/**
 * What the running server answers is what the contract says: success bodies match their
 * schemas, and every error is a {@code Problem} with a status the operation declares.
 */
@ExtendWith(VertxExtension.class)
class ContractConformanceTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();
  private static final String JSON = "application/json";
  private static JsonObject model;
  private static Validator problem;

  @BeforeAll
  static void readContract() throws Exception {
    Map<String, Object> yaml = new Yaml().load(Files.readString(Path.of("src/main/resources/openapi.yaml")));
    model = new JsonObject(yaml);
    JsonSchemaOptions options = new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("app:///")
        .setOutputFormat(OutputFormat.Basic);
    problem = SchemaRepository.create(options).dereference(JsonSchema.of(model.copy()))
        .validator("app:///#/components/schemas/Problem", options);
  }

  /** The response is one the operation declares, and a problem when it is an error. */
  private static HttpResponse<Buffer> declared(String path, String method, HttpResponse<Buffer> r) {
    JsonObject responses = model.getJsonObject("paths").getJsonObject(path).getJsonObject(method)
        .getJsonObject("responses");
    assertThat(responses.fieldNames()).as("%s %s declares %s (%s)", method, path, r.statusCode(), r.bodyAsString())
        .contains(String.valueOf(r.statusCode()));
    if (r.statusCode() >= 400) {
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      OutputUnit result = problem.validate(r.bodyAsJsonObject());
      assertThat(result.getValid()).as("%s is a Problem: %s", r.bodyAsString(), result.getErrors()).isTrue();
    }
    return r;
  }

  private static void matchesSchema(Vertx vertx, String operationId, HttpResponse<Buffer> r) {
    var contract = Contract.load(vertx).await().validating();
    ValidatableResponse response = ValidatableResponse.create(r.statusCode(), Map.of(), r.body(), JSON);
    ResponseValidator.create(vertx, contract).validate(response, operationId).await();
  }

  @Test
  void read_answers_match_their_schemas(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      matchesSchema(vertx, "listMetrics", declared("/api/v1/metrics", "get", http.get("/api/v1/metrics")));
      matchesSchema(vertx, "getMetric",
          declared("/api/v1/metrics/{id}", "get", http.get("/api/v1/metrics/weekly_users")));
      matchesSchema(vertx, "getPoints", declared("/api/v1/metrics/{id}/points", "get",
          http.get("/api/v1/metrics/weekly_users/points?step=P7D&agg=max")));
      matchesSchema(vertx, "getPoints",
          declared("/api/v1/metrics/{id}/points", "get", http.get("/api/v1/metrics/weekly_users/points")));
      matchesSchema(vertx, "getChanges", declared("/api/v1/changes", "get", http.get("/api/v1/changes?since=0")));
      matchesSchema(vertx, "listAnnotations",
          declared("/api/v1/annotations", "get", http.get("/api/v1/annotations")));
      matchesSchema(vertx, "listBoards", declared("/api/v1/boards", "get", http.get("/api/v1/boards")));
      matchesSchema(vertx, "getBoard",
          declared("/api/v1/boards/{id}", "get", http.get("/api/v1/boards/korea-launch")));
      matchesSchema(vertx, "getBoard", declared("/api/v1/boards/{id}", "get", http.get("/api/v1/boards/all")));
      matchesSchema(vertx, "getHealthLive", declared("/health/live", "get", http.get("/health/live")));
      matchesSchema(vertx, "getHealthReady", declared("/health/ready", "get", http.get("/health/ready")));
    }
  }

  @Test
  void board_writes_answer_declared_statuses_and_schemas(Vertx vertx) {
    String path = "/api/v1/boards/{id}";
    String board = "{\"title\":{\"en\":\"Conformance\"},\"sections\":[{\"tiles\":[{\"kind\":\"kpi\","
        + "\"metric\":\"offices\"}]}]}";
    try (Http http = new Http(vertx, running.port())) {
      HttpResponse<Buffer> created = declared(path, "put", http.send(HttpMethod.PUT, "/api/v1/boards/conformance",
          board, TestApp.ADMIN_TOKEN, JSON));
      assertThat(created.statusCode()).isEqualTo(201);
      matchesSchema(vertx, "putBoard", created);
      assertThat(declared(path, "put", http.send(HttpMethod.PUT, "/api/v1/boards/conformance",
          board.replace("offices", "officez"), TestApp.ADMIN_TOKEN, JSON)).statusCode()).isEqualTo(422);
      assertThat(declared(path, "put", http.send(HttpMethod.PUT, "/api/v1/boards/all", board, TestApp.ADMIN_TOKEN,
          JSON)).statusCode()).isEqualTo(409);
      assertThat(declared(path, "delete", http.send(HttpMethod.DELETE, "/api/v1/boards/no-such-board", null,
          TestApp.ADMIN_TOKEN, null)).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void out_of_range_since_is_a_declared_422(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      for (String since : new String[] {"99999999999999999999", "9223372036854775808", "-1"}) {
        HttpResponse<Buffer> r = declared("/api/v1/changes", "get", http.get("/api/v1/changes?since=" + since));
        assertThat(r.statusCode()).as("since=%s", since).isEqualTo(422);
        assertThat(r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("since");
      }
      assertThat(declared("/api/v1/changes", "get", http.get("/api/v1/changes?since=9223372036854775807"))
          .statusCode()).isEqualTo(200);
    }
  }

  @Test
  void times_outside_rfc_3339_are_a_declared_422(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      for (String from : new String[] {"%2B10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
          "2025-01-01T00:00:00.1234567Z", "2025-01-01T00:00Z"}) {
        HttpResponse<Buffer> r = declared("/api/v1/annotations", "get", http.get("/api/v1/annotations?from=" + from));
        assertThat(r.statusCode()).as("from=%s", from).isEqualTo(422);
      }
      HttpResponse<Buffer> micro = http.get("/api/v1/annotations?from=2025-01-01T00:00:00.123456Z");
      assertThat(declared("/api/v1/annotations", "get", micro).statusCode()).as(micro.bodyAsString()).isEqualTo(200);
    }
  }

  @Test
  void nul_in_text_is_a_declared_422_and_writes_nothing(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      HttpResponse<Buffer> r = declared("/api/v1/annotations", "post", http.send(HttpMethod.POST,
          "/api/v1/annotations", "{\"ts\":\"2026-01-01T00:00:00Z\",\"title\":\"a\\u0000b\"}", TestApp.ADMIN_TOKEN, JSON));
      assertThat(r.statusCode()).isEqualTo(422);
      assertThat(r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/title");
      assertThat(http.get("/api/v1/annotations?from=2026-01-01T00:00:00Z").bodyAsJsonObject()
          .getJsonArray("annotations")).isEmpty();
      // A parameter that does not even decode is 400; both are declared.
      assertThat(declared("/api/v1/annotations", "get", http.get("/api/v1/annotations?metric=a%00b")).statusCode())
          .isIn(400, 422);
    }
  }

  @Test
  void write_refusals_are_declared_problems(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      String batch = "{\"points\":[{\"metric\":\"weekly_users\",\"ts\":\"2026-01-01T00:00:00Z\",\"value\":1}]}";
      assertThat(declared("/api/v1/points", "post", http.send(HttpMethod.POST, "/api/v1/points", batch, null, JSON))
          .statusCode()).isEqualTo(401);
      assertThat(declared("/api/v1/points", "post",
          http.send(HttpMethod.POST, "/api/v1/points", batch, "not-the-admin-token-0123", JSON)).statusCode())
          .isEqualTo(403);
      assertThat(declared("/api/v1/points", "post",
          http.send(HttpMethod.POST, "/api/v1/points", batch, TestApp.ADMIN_TOKEN, "text/plain")).statusCode())
          .isEqualTo(415);
      assertThat(declared("/api/v1/points", "post",
          http.send(HttpMethod.POST, "/api/v1/points", "{\"points\":", TestApp.ADMIN_TOKEN, JSON)).statusCode())
          .isEqualTo(400);
      assertThat(declared("/api/v1/metrics/{id}", "put", http.send(HttpMethod.PUT, "/api/v1/metrics/signups",
          "{\"name\":\"x\\u0000\",\"unit\":\"u\",\"cadence\":\"P1D\",\"display\":\"number\"}", TestApp.ADMIN_TOKEN, JSON))
          .statusCode()).isEqualTo(422);
      assertThat(declared("/api/v1/metrics/{id}", "delete",
          http.send(HttpMethod.DELETE, "/api/v1/metrics/no_such_metric", null, TestApp.ADMIN_TOKEN, JSON))
          .statusCode()).isEqualTo(404);
    }
  }
}
