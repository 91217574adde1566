package io.pulseboard.ws;

import io.pulseboard.db.SummaryRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Snapshot frames for one event loop. Sockets that subscribe to the same metrics and labels at
 * about the same time share one query and one encoding: a snapshot taken at seq S may serve a
 * subscription that started buffering live changes at seq H as long as S >= H, because then the
 * snapshot holds everything up to H and the buffer everything after it.
 */
final class Snapshots {
  private static final int MAX_KEYS = 64;

  /** A snapshot at a seq, with its frames encoded on first use. */
  static final class Snapshot {
    private final long seq;
    private final JsonArray metrics;
    private SharedFrame frame;
    private SharedFrame resetFrame;

    Snapshot(long seq, JsonArray metrics) {
      this.seq = seq;
      this.metrics = metrics;
    }

    long seq() {
      return seq;
    }

    SharedFrame frame(boolean reset) {
      if (reset) {
        resetFrame = resetFrame != null ? resetFrame : SharedFrame.of(Frames.snapshot(seq, metrics, true));
        return resetFrame;
      }
      frame = frame != null ? frame : SharedFrame.of(Frames.snapshot(seq, metrics, false));
      return frame;
    }
  }

  private record Key(List<String> metrics, Map<String, String> labels) {}

  private final SummaryRepository summaries;
  private final Map<Key, Future<Snapshot>> recent = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Future<Snapshot>> eldest) {
      return size() > MAX_KEYS;
    }
  };

  Snapshots(SummaryRepository summaries) {
    this.summaries = summaries;
  }

  /**
   * A snapshot of these metrics ({@code null} for all) and label filter, current at {@code atLeast}
   * or later; the future holds it.
   */
  Future<Snapshot> atLeast(List<String> metrics, Map<String, String> labels, long atLeast) {
    Key key = new Key(metrics, labels);
    Future<Snapshot> known = recent.get(key);
    if (known == null || known.failed() || (known.succeeded() && known.result().seq() < atLeast)) {
      return fresh(key);
    }
    return known.compose(s -> s.seq() >= atLeast ? Future.succeededFuture(s) : fresh(key));
  }

  private Future<Snapshot> fresh(Key key) {
    Future<Snapshot> next = summaries.summaries(key.metrics())
        .map(s -> new Snapshot(s.seq(), key.labels().isEmpty() ? s.metrics() : filter(s.metrics(), key.labels())));
    recent.put(key, next);
    return next;
  }

  /** The metrics with only the series whose labels contain the filter. */
  private static JsonArray filter(JsonArray metrics, Map<String, String> labels) {
    JsonArray out = new JsonArray();
    for (Object m : metrics) {
      JsonObject metric = ((JsonObject) m).copy();
      JsonArray kept = new JsonArray();
      for (Object s : metric.getJsonArray("series")) {
        JsonObject seriesLabels = ((JsonObject) s).getJsonObject("labels");
        if (labels.entrySet().stream().allMatch(e -> e.getValue().equals(seriesLabels.getValue(e.getKey())))) {
          kept.add(s);
        }
      }
      out.add(metric.put("series", kept));
    }
    return out;
  }
}
