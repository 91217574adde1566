package io.pulseboard.db;

import java.util.List;

/**
 * What replacing a metric's definition did; {@code keysInUse} is empty unless the outcome is
 * {@link Outcome#KEYS_IN_USE}.
 */
public record MetricChange(Outcome outcome, List<String> keysInUse) {
  /** The ways a replacement ends. */
  public enum Outcome {
    /** The metric did not exist and was created. */
    CREATED,
    /** The metric existed and now has the new definition. */
    UPDATED,
    /** Nothing was written: stored series use label keys the new definition drops. */
    KEYS_IN_USE
  }

  public MetricChange {
    keysInUse = List.copyOf(keysInUse);
  }

  static MetricChange written(boolean created) {
    return new MetricChange(created ? Outcome.CREATED : Outcome.UPDATED, List.of());
  }

  static MetricChange keysInUse(List<String> keys) {
    return new MetricChange(Outcome.KEYS_IN_USE, keys);
  }
}
