package io.pulseboard.db;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A validated history request.
 *
 * @param from inclusive lower bound, or {@code null}
 * @param to inclusive upper bound, or {@code null}
 * @param labels series must carry these labels
 * @param step how points are grouped into buckets, or {@code null} for raw points
 * @param agg how a bucket is reduced: last, avg, min, max or sum
 * @param zone the IANA time zone buckets start in, e.g. {@code UTC} or {@code Asia/Seoul}
 * @param asOf answer with the values known at this instant, or {@code null} for the current ones
 */
public record HistoryQuery(
    String metric, OffsetDateTime from, OffsetDateTime to, Map<String, String> labels,
    BucketStep step, String agg, int limit, String zone, OffsetDateTime asOf) {}
