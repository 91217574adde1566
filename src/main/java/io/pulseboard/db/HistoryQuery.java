package io.pulseboard.db;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A validated history request.
 *
 * @param from inclusive lower bound, or {@code null}
 * @param to inclusive upper bound, or {@code null}
 * @param labels series must carry these labels
 * @param step bucket length, or {@code null} for raw points
 * @param agg how a bucket is reduced: last, avg, min, max or sum
 */
public record HistoryQuery(
    String metric, OffsetDateTime from, OffsetDateTime to, Map<String, String> labels,
    Duration step, String agg, int limit) {}
