package io.pulseboard.db;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A point to write, already validated: a known metric, allowed labels, a finite value, a time
 * the store keeps exactly and text it can hold.
 *
 * @param labels kept in {@linkplain #canonical canonical form}
 * @param source {@code null} keeps the stored source of a corrected point ({@code ""} for a new one)
 */
public record PointInput(String metric, Map<String, String> labels, OffsetDateTime ts, double value, String source) {

  public PointInput {
    labels = canonical(labels);
  }

  /**
   * The canonical form of a label set: sorted by key and unmodifiable, so equal sets in any key
   * order give equal forms, and canonicalising again changes nothing. Values are kept exactly
   * as sent (no Unicode normalisation: two spellings that look alike are two series).
   */
  public static SortedMap<String, String> canonical(Map<String, String> labels) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(labels));
  }

  /** The label set as JSON text with keys in canonical order: one text per label set. */
  public static String labelsJson(Map<String, String> labels) {
    return new JsonObject(new LinkedHashMap<>(canonical(labels))).encode();
  }

  /**
   * The identity of the point: one series at one instant. The labels are compared as maps (in
   * canonical form), not as printed text: a map's {@code toString} is ambiguous
   * ({@code {a="b, c=d"}} and {@code {a="b", c="d"}} print alike), and encoding each point's
   * labels to compare them cost more than the comparison.
   */
  public Key key() {
    return new Key(metric, labels, ts.toInstant());
  }

  /**
   * A point's identity: metric, canonical labels and instant. Its hash is computed once: a group
   * commit looks each key up several times, and a map's hash walks its entries.
   */
  public static final class Key {
    private final String metric;
    private final Map<String, String> labels;
    private final Instant at;
    private final int hash;

    Key(String metric, Map<String, String> labels, Instant at) {
      this.metric = metric;
      this.labels = labels;
      this.at = at;
      this.hash = Objects.hash(metric, labels, at);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && hash == k.hash && metric.equals(k.metric) && at.equals(k.at)
          && labels.equals(k.labels);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return metric + labels + "@" + at;
    }
  }
}
