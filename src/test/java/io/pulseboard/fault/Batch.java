package io.pulseboard.fault;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A batch of points that are all new, with its own marker as their {@code source}: the table can
 * be counted per batch (all of its points or none) and each point checked for its value.
 *
 * @param id the batch number; points of different batches never share a timestamp
 * @param size points in the batch
 */
record Batch(int id, int size) {
  /** The metric every fault test writes to. */
  static final String METRIC = "fault";
  /** Its definition, for {@code PUT /api/v1/metrics/fault}. */
  static final String DEFINITION = """
      {"name":"Fault","unit":"events","labels":["region"],"cadence":"PT1S","display":"number"}""";
  private static final long BASE_EPOCH_SECOND = 1_700_000_000L;

  String marker() {
    return "batch-" + id;
  }

  /** The epoch second of point {@code i}. */
  long epochSecond(int i) {
    return BASE_EPOCH_SECOND + (long) id * size + i;
  }

  /** The value of point {@code i}: exact in a double, and different for every point. */
  double value(int i) {
    return id * 100_000.0 + i + 0.25;
  }

  Buffer body() {
    JsonArray points = new JsonArray();
    for (int i = 0; i < size; i++) {
      points.add(new JsonObject().put("metric", METRIC).put("labels", new JsonObject().put("region", "kr"))
          .put("ts", Instant.ofEpochSecond(epochSecond(i)).toString()).put("value", value(i))
          .put("source", marker()));
    }
    return new JsonObject().put("points", points).toBuffer();
  }
}
