package io.pulseboard.db;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

/**
 * A point to write, already validated: a known metric, allowed labels, a finite value.
 *
 * @param source {@code null} keeps the stored source of a corrected point ({@code ""} for a new one)
 */
public record PointInput(String metric, Map<String, String> labels, OffsetDateTime ts, double value, String source) {

  public PointInput {
    labels = new TreeMap<>(labels);
  }

  /** The identity of the point: one series at one instant. */
  public String key() {
    return metric + '\u0000' + labels + '\u0000' + ts.toInstant();
  }
}
