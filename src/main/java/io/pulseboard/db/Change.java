package io.pulseboard.db;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change of the feed: a point as it was written, with the seq the write took. Immutable, so
 * one instance can travel by reference to every event loop; it becomes JSON only at the edges
 * (WebSocket frames, {@code GET /api/v1/changes}).
 *
 * @param labels the series' labels in the order the database keeps them, which clients may rely
 *     on (they key series by the encoded labels)
 * @param tokenId the token that wrote the value; {@code null} for the server's own writes and
 *     values written before tokens were recorded
 */
public record Change(long seq, String metric, Map<String, String> labels, Instant ts, double value, String source,
    Long tokenId) {
  public Change {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /** A change whose writer is not known. */
  public Change(long seq, String metric, Map<String, String> labels, Instant ts, double value, String source) {
    this(seq, metric, labels, ts, value, source, null);
  }

  /**
   * The change item as the WebSocket protocol gives it; {@code GET /api/v1/changes} adds
   * {@code token_id} ({@link #toFeedJson()}).
   */
  public JsonObject toJson() {
    return new JsonObject()
        .put("seq", seq)
        .put("metric", metric)
        .put("labels", labelsJson())
        .put("ts", ts.toString())
        .put("value", value)
        .put("source", source);
  }

  /** The change item as {@code GET /api/v1/changes} gives it: with the writing token's id. */
  public JsonObject toFeedJson() {
    return toJson().put("token_id", tokenId);
  }

  /** The labels as a JSON object, keys in their stored order. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public JsonObject labelsJson() {
    // Read-only use: JsonObject wraps the (unmodifiable) map instead of copying it.
    return new JsonObject((Map) labels);
  }

  /** Metric and labels: equal for two changes of the same series. */
  public String seriesKey() {
    return metric + labelsJson().encode();
  }
}
