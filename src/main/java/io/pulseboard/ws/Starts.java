package io.pulseboard.ws;

import io.pulseboard.db.ChangeRepository;
import io.pulseboard.db.MetricRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a new subscription starts. Without {@code since}: a snapshot. With {@code since=S}: the
 * changes after S, or a reset snapshot when S is more than the resume limit behind the head or
 * ahead of it (a seq this database never gave out, e.g. after it was restored from a backup).
 */
final class Starts {
  /**
   * A start: {@code snapshot} set, or {@code items} (matching the new subscription, seq order).
   * {@code seq} is what the client has once it got the start: later changes follow.
   */
  record Start(long seq, SharedFrame snapshot, List<JsonObject> items) {}

  private final Pool pool;
  private final ChangeRepository changes;
  private final Snapshots snapshots;
  private final int resumeLimit;

  Starts(Pool pool, Snapshots snapshots, int resumeLimit) {
    this.pool = pool;
    this.changes = new ChangeRepository(pool);
    this.snapshots = snapshots;
    this.resumeLimit = resumeLimit;
  }

  /**
   * The start of this subscribe request for a socket that buffers live changes after
   * {@code buffered}; fails with a {@link ProtocolError} for an unknown metric.
   */
  Future<Start> of(Request request, long buffered) {
    return known(request.metrics()).compose(v -> request.since() == null
        ? snapshot(request, buffered, false)
        : resume(request, buffered));
  }

  private Future<Start> snapshot(Request request, long buffered, boolean reset) {
    return snapshots.atLeast(request.metrics(), request.labels(), buffered)
        .map(s -> new Start(s.seq(), s.frame(reset), List.of()));
  }

  private Future<Start> resume(Request request, long buffered) {
    long since = request.since();
    return changes.head().compose(head -> {
      if (since > head || head - since > resumeLimit) {
        return snapshot(request, buffered, true);
      }
      // head - since <= limit, so one read reaches at least the head.
      return changes.since(since, Math.max(resumeLimit, 1)).map(items -> {
        Subscriptions wanted = Subscriptions.of(request.metrics(), request.labels());
        List<JsonObject> matching = new ArrayList<>();
        items.stream().filter(wanted::matches).forEach(matching::add);
        long top = items.isEmpty() ? head : Math.max(head, items.get(items.size() - 1).getLong("seq"));
        return new Start(top, null, matching);
      });
    });
  }

  private Future<Void> known(List<String> metrics) {
    if (metrics == null) {
      return Future.succeededFuture();
    }
    return MetricRepository.byIds(pool, metrics).compose(found -> {
      List<String> missing = metrics.stream().filter(id -> !found.containsKey(id)).toList();
      return missing.isEmpty() ? Future.succeededFuture()
          : Future.failedFuture(new ProtocolError(Frames.UNKNOWN_METRIC, "no metric " + String.join(", ", missing)));
    });
  }
}
