package io.pulseboard.db;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One call of {@code pulseboard_write_point_requests} (migration V025): its arguments, built from
 * the points of one or more requests, and what its answer says. Each label set is named once (its
 * metric, its labels as JSON, the first and last time of its points); each point says which set it
 * is, its time, value, source, writer and request. The answer gives each set's labels as stored and
 * which points changed with their seqs and sources, or for a call of new points only the first seq,
 * the points' seqs following in their order: the changes are built from that and the points.
 */
final class WriteCall {
  /** A label set of a metric: one series. */
  private record LabelSet(String metric, Map<String, String> labels) {}

  /** A set's earliest and latest point: their indexes, and their times in microseconds since the epoch. */
  private static final class Span {
    int first;
    int last;
    long firstMicros;
    long lastMicros;

    Span(int point, long micros) {
      first = last = point;
      firstMicros = lastMicros = micros;
    }

    void add(int point, long micros) {
      if (micros < firstMicros) {
        first = point;
        firstMicros = micros;
      }
      if (micros > lastMicros) {
        last = point;
        lastMicros = micros;
      }
    }
  }

  private final List<PointInput> points = new ArrayList<>();
  /** The points' times as stored, to the microsecond (PostgreSQL keeps no finer time). */
  private final OffsetDateTime[] times;
  /** How many points each request has, in order. */
  private final int[] requestSizes;
  private final List<LabelSet> sets = new ArrayList<>();
  /** Each set's first and last point, in the order of {@link #sets}. */
  private final List<Span> spans = new ArrayList<>();
  private final Integer[] pointSets;
  private final Long[] writers;
  private final Integer[] pointRequests;

  /** The call writing {@code batches} (each with its points once, none in two), {@code tokens} their writers. */
  WriteCall(List<List<PointInput>> batches, List<Long> tokens) {
    int n = batches.stream().mapToInt(List::size).sum();
    requestSizes = batches.stream().mapToInt(List::size).toArray();
    pointSets = new Integer[n];
    writers = new Long[n];
    pointRequests = new Integer[n];
    times = new OffsetDateTime[n];
    // Times compared as microseconds, worked out once a point: comparing the times themselves works them out each time.
    Map<LabelSet, Integer> known = new HashMap<>();
    for (int r = 0; r < batches.size(); r++) {
      for (PointInput p : batches.get(r)) {
        int i = points.size();
        times[i] = p.ts().truncatedTo(ChronoUnit.MICROS);
        long micros = times[i].toEpochSecond() * 1_000_000 + times[i].getNano() / 1000;
        int set = known.computeIfAbsent(new LabelSet(p.metric(), p.labels()), s -> {
          sets.add(s);
          spans.add(new Span(i, micros));
          return sets.size() - 1;
        });
        spans.get(set).add(i, micros);
        pointSets[i] = set + 1;
        writers[i] = tokens.get(r);
        pointRequests[i] = r;
        points.add(p);
      }
    }
  }

  /** The call's ten arguments, in order. */
  Tuple arguments() {
    int n = points.size();
    Double[] values = new Double[n];
    String[] sources = new String[n];
    for (int i = 0; i < n; i++) {
      PointInput p = points.get(i);
      values[i] = p.value();
      sources[i] = p.source();
    }
    return Tuple.tuple().addValue(sets.stream().map(LabelSet::metric).toArray(String[]::new))
        .addValue(sets.stream().map(s -> PointInput.labelsJson(s.labels())).toArray(String[]::new))
        .addValue(spans.stream().map(s -> times[s.first]).toArray(OffsetDateTime[]::new))
        .addValue(spans.stream().map(s -> times[s.last]).toArray(OffsetDateTime[]::new))
        .addValue(pointSets).addValue(times).addValue(values).addValue(sources).addValue(writers).addValue(pointRequests);
  }

  /**
   * What each request wrote, in order, from the answer: for a call of new points only, all its
   * points, its seqs following the first seq in the points' order (a request without points: the
   * call's top seq).
   */
  List<PointRepository.Written> written(Row answer) {
    List<PointRepository.Written> written = new ArrayList<>(requestSizes.length);
    Long first = answer.getLong("first_seq");
    if (first != null) {
      long head = first + points.size() - 1;
      long top = first - 1;
      for (int size : requestSizes) {
        top += size;
        written.add(new PointRepository.Written(size, size == 0 ? head : top));
      }
      return written;
    }
    Integer[] counts = answer.getArrayOfIntegers("written_counts");
    Long[] seqs = answer.getArrayOfLongs("top_seqs");
    for (int r = 0; r < requestSizes.length; r++) {
      written.add(new PointRepository.Written(counts[r], seqs[r]));
    }
    return written;
  }

  /** The changes the call made, in seq order, from the answer: as the feed's read gives them. */
  List<Change> changes(Row answer) {
    String[] docs = answer.getArrayOfStrings("set_docs");
    List<Map<String, String>> stored = new ArrayList<>(sets.size());
    for (int s = 0; s < sets.size(); s++) {
      stored.add(ChangeRepository.labels(new JsonObject(docs[s])));
    }
    Long first = answer.getLong("first_seq");
    if (first != null) {
      List<Change> changes = new ArrayList<>(points.size());
      for (int i = 0; i < points.size(); i++) {
        String source = points.get(i).source();
        changes.add(change(i, first + i, source == null ? "" : source, stored));
      }
      return changes;
    }
    Integer[] changed = answer.getArrayOfIntegers("change_points");
    if (changed == null) {
      return List.of();
    }
    Long[] seqs = answer.getArrayOfLongs("change_seqs");
    String[] sources = answer.getArrayOfStrings("change_sources");
    List<Change> changes = new ArrayList<>(changed.length);
    for (int k = 0; k < changed.length; k++) {
      changes.add(change(changed[k] - 1, seqs[k], sources[k], stored));
    }
    return changes;
  }

  /** Point {@code i} as a change with this seq and source. */
  private Change change(int i, long seq, String source, List<Map<String, String>> stored) {
    PointInput p = points.get(i);
    int set = pointSets[i] - 1;
    return new Change(seq, p.metric(), stored.get(set), times[i].toInstant(), p.value(), source, writers[i]);
  }
}
