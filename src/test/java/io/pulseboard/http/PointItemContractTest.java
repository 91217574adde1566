package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.db.Metric;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The server checks the items of {@code POST /api/v1/points} in code, for speed: this keeps those
 * checks and the published contract's {@code PointIn} schema in step, item by item.
 */
class PointItemContractTest {
  private static final Map<String, Metric> KNOWN = Map.of("weekly_users",
      new Metric("weekly_users", "Weekly users", "users", "", List.of("region"), "P7D", "number", null));
  private static Validator contract;

  @BeforeAll
  static void loadContract() throws Exception {
    try (InputStream in = PointItemContractTest.class.getClassLoader().getResourceAsStream(Contract.RESOURCE)) {
      Map<String, Object> yaml = new Yaml().load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      JsonSchemaOptions options = new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("app:///")
          .setOutputFormat(OutputFormat.Basic);
      SchemaRepository repo = SchemaRepository.create(options).dereference(JsonSchema.of(new JsonObject(yaml)));
      contract = repo.validator("app:///#/components/schemas/PointIn", options);
    }
  }

  private static JsonObject ok() {
    return new JsonObject().put("metric", "weekly_users").put("ts", "2025-09-10T00:00:00Z").put("value", 1);
  }

  private static boolean inCode(Object item) {
    return PointItem.check(item, "/points/0", KNOWN, Problem.invalid("test")) != null;
  }

  private static boolean inContract(Object item) {
    return contract.validate(item).getValid();
  }

  private static void assertBoth(boolean valid, Object... items) {
    for (Object item : items) {
      assertThat(inContract(item)).as("contract on %s", item).isEqualTo(valid);
      assertThat(inCode(item)).as("code on %s", item).isEqualTo(valid);
    }
  }

  @Test
  void both_accept_valid_points() {
    assertBoth(true, ok(), ok().put("value", -2.5e12), ok().put("value", 0),
        ok().put("labels", new JsonObject().put("region", "kr")), ok().put("source", "report"),
        ok().put("labels", new JsonObject()), ok().put("ts", "2025-09-10T09:00:00.123+09:00"));
  }

  @Test
  void both_reject_missing_or_mistyped_required_properties() {
    assertBoth(false, ok().copy().put("metric", (Object) null), new JsonObject().put("ts", "2025-09-10T00:00:00Z")
        .put("value", 1), ok().put("value", "1"), ok().put("value", true), ok().put("ts", 5),
        ok().put("metric", "Weekly-Users"), ok().put("metric", 7));
    JsonObject noValue = ok();
    noValue.remove("value");
    JsonObject noTs = ok();
    noTs.remove("ts");
    assertBoth(false, noValue, noTs);
  }

  @Test
  void both_reject_bad_labels_sources_and_unknown_properties() {
    JsonObject many = new JsonObject();
    for (int i = 0; i < 17; i++) {
      many.put("k" + i, "v");
    }
    assertBoth(false, ok().put("labels", "kr"), ok().put("labels", new JsonObject().put("region", 5)),
        ok().put("labels", new JsonObject().put("region", "")), ok().put("labels", many),
        ok().put("labels", new JsonObject().put("region", "x".repeat(201))), ok().put("source", 5),
        ok().put("source", "x".repeat(501)), ok().put("colour", "red"));
  }

  @Test
  void both_reject_items_that_are_not_objects() {
    assertBoth(false, 5, "point", new JsonArray());
  }

  @Test
  void code_also_rejects_what_only_the_server_can_know() {
    assertThat(inContract(ok().put("metric", "no_such_metric"))).isTrue();
    assertThat(inCode(ok().put("metric", "no_such_metric"))).isFalse();
    assertThat(inCode(ok().put("labels", new JsonObject().put("city", "seoul")))).isFalse();
    assertThat(inCode(ok().put("ts", "yesterday"))).isFalse();
    assertThat(inCode(ok().put("value", Double.POSITIVE_INFINITY))).isFalse();
  }

  @Test
  void both_accept_rfc_3339_times_in_every_allowed_spelling() {
    assertBoth(true, ok().put("ts", "2025-09-10t00:00:00z"), ok().put("ts", "2025-09-10T00:00:00.1234560Z"),
        ok().put("ts", "0000-01-01T00:00:00Z"), ok().put("ts", "9999-12-31T23:59:59.999999Z"),
        ok().put("ts", "2025-09-10T00:00:00-00:00"));
  }

  @Test
  void both_reject_times_that_are_not_rfc_3339() {
    assertBoth(false, ok().put("ts", "+10000-01-01T00:00:00Z"), ok().put("ts", "-0001-01-01T00:00:00Z"),
        ok().put("ts", "+002024-01-01T00:00:00Z"), ok().put("ts", "2025-09-10"), ok().put("ts", "2025-02-30T00:00:00Z"), ok().put("ts", "2025-09-10 00:00:00Z"));
  }

  @Test
  void both_reject_what_the_store_cannot_keep() {
    assertBoth(false, ok().put("ts", "2025-09-10T00:00:00.0000001Z"), ok().put("ts", "2025-09-10T00:00:00"),
        ok().put("source", "a\u0000b"), ok().put("labels", new JsonObject().put("region", "k\u0000r")));
  }

  @Test
  void code_also_rejects_what_the_contract_cannot_express() {
    // A UTC year past 9999 and lone surrogates: JSON Schema patterns cannot say either portably.
    for (JsonObject item : List.of(ok().put("ts", "9999-12-31T23:30:00-01:00"), ok().put("source", "\ud800"),
        ok().put("labels", new JsonObject().put("region", "\udc00")))) {
      assertThat(inContract(item)).as("contract on %s", item).isTrue();
      assertThat(inCode(item)).as("code on %s", item).isFalse();
    }
  }
}
