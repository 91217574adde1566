package io.pulseboard.ws;

import io.pulseboard.db.ChangeRepository;
import io.pulseboard.db.Metric;
import io.pulseboard.db.MetricRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;

/**
 * Where a new subscription starts. Without {@code since}: a snapshot. With {@code since=S}: the
 * changes after S, or a reset snapshot when S is more than the resume limit behind the head or
 * ahead of it (a seq this database never gave out, e.g. after it was restored from a backup).
 * Reads are shared between the sockets of the event loop: snapshots ({@link Snapshots}),
 * catch-ups ({@link CatchUps}) and the check that the metrics exist ({@link NextRead}), so that
 * thousands of clients coming back at once cost a few queries, not thousands.
 */
final class Starts implements Start.Source {
  private final Snapshots snapshots;
  private final CatchUps catchUps;
  private final NextRead<List<String>, Map<String, Metric>> metricReads;

  Starts(Pool pool, Snapshots snapshots, int resumeLimit) {
    this.snapshots = snapshots;
    this.catchUps = new CatchUps(new ChangeRepository(pool), resumeLimit);
    this.metricReads = new NextRead<>(ids -> MetricRepository.byIds(pool, ids));
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
    Subscriptions wanted = Subscriptions.of(request.metrics(), request.labels());
    return catchUps.atLeast(request.since(), buffered).compose(c -> c.reset()
        ? snapshot(request, buffered, true)
        : Future.succeededFuture(new Start(c.top(), null, c.matching(wanted))));
  }

  private Future<Void> known(List<String> metrics) {
    if (metrics == null) {
      return Future.succeededFuture();
    }
    return metricReads.get(metrics).compose(found -> {
      List<String> missing = metrics.stream().filter(id -> !found.containsKey(id)).toList();
      return missing.isEmpty() ? Future.succeededFuture()
          : Future.failedFuture(new ProtocolError(Frames.UNKNOWN_METRIC, "no metric " + String.join(", ", missing)));
    });
  }
}
