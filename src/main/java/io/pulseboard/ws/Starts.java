package io.pulseboard.ws;

import io.pulseboard.db.Change;
import io.pulseboard.db.ChangeRepository;
import io.pulseboard.db.MetricRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a new subscription starts. Without {@code since}: a snapshot. With {@code since=S}: the
 * changes after S, or a reset snapshot when S is more than the resume limit behind the head or
 * ahead of it (a seq this database never gave out, e.g. after it was restored from a backup).
 */
final class Starts implements Start.Source {
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

  @Override
  public Future<Start> of(ClientMessage.Subscribe request, long buffered) {
    return known(request.metrics()).compose(v -> request.since() == null
        ? snapshot(request, buffered, false)
        : resume(request, buffered));
  }

  private Future<Start> snapshot(ClientMessage.Subscribe request, long buffered, boolean reset) {
    return snapshots.atLeast(request.metrics(), request.labels(), buffered)
        .map(s -> new Start(s.seq(), s.frame(reset), List.of()));
  }

  private Future<Start> resume(ClientMessage.Subscribe request, long buffered) {
    long since = request.since();
    return changes.head().compose(head -> {
      if (since > head || head - since > resumeLimit) {
        return snapshot(request, buffered, true);
      }
      // head - since <= limit, so one read reaches at least the head.
      return changes.since(since, Math.max(resumeLimit, 1)).map(items -> {
        Subscriptions wanted = Subscriptions.of(request.metrics(), request.labels());
        List<Change> matching = new ArrayList<>();
        items.stream().filter(wanted::matches).forEach(matching::add);
        long top = items.isEmpty() ? head : Math.max(head, items.get(items.size() - 1).seq());
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
