package io.pulseboard.bench;

import java.util.Arrays;

/** Percentiles of measured durations, for the benchmarks' tables. */
final class Percentiles {
  private Percentiles() {}

  /** The {@code p}th percentile (0-100) of these durations in nanoseconds, in milliseconds. */
  static double ms(long[] nanos, double p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, (long) (sorted.length * p / 100))] / 1e6;
  }
}
