package io.pulseboard.db;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Group commit of point writes: requests that arrive while earlier ones are being written go to
 * the database together, in one call of {@code pulseboard_write_point_requests} and one
 * transaction, so concurrent small writes share one commit (and its {@code fsync}) instead of
 * taking the writers' lock one after another. A request that finds no call at the database goes
 * at once: a lone writer waits for nothing. Each request is answered only after the transaction
 * holding its points committed, with its own counts and seq.
 *
 * <p>All or nothing per request: a group holds only requests whose points are distinct (a
 * request that touches a point of one already in the group waits for a later group, so the two
 * are written in the order they came), and when a group's call fails, each of its requests is
 * written again on its own, so one request the database refuses fails alone. Requests are
 * validated before they come here. Thread-safe: requests come from every event loop, and each is
 * answered on the context it came from.
 *
 * <p>Every call goes through {@link LocalWrites}, which hands the changes it committed to this
 * instance's change feed.
 */
public final class GroupCommit {
  /**
   * Calls at the database at once: one writing, one waiting for the writers' lock. The second
   * starts only with a full group: the lock makes the calls one after the other, commit and
   * {@code fsync} included, so a second call with a few requests would only split what the next
   * call could carry in one commit, and each call costs PostgreSQL a fixed part (0.6-0.9 ms for a
   * few points). Chosen when the commit's {@code fsync} took 2.6 ms on this project's test machine;
   * measured again when it took 0.17 ms: a second call started as soon as anything waited, or once
   * as many points waited as the first call carried, wrote fewer one-point requests a second
   * (docs/performance.md, "Small writes, eighth pass").
   */
  static final int MAX_IN_FLIGHT = 2;
  /** Most points in one group; a larger request forms a group of its own. */
  static final int MAX_GROUP_POINTS = 1000;

  private record Request(List<PointInput> points, Set<PointInput.Key> keys, int accepted, Long tokenId,
      Promise<WriteResult> answer, Context context) {}

  private final Pool pool;
  private final LocalWrites local;
  private final ArrayDeque<Request> queue = new ArrayDeque<>();
  /** The points of the groups at the database: a request for one of them waits until it is written. */
  private final List<Set<PointInput.Key>> writing = new ArrayList<>();

  /** Group commit whose calls no change feed hears of. */
  public GroupCommit(Pool pool) {
    this(pool, new LocalWrites());
  }

  /** Group commit whose calls' changes go to the change feed that listens to {@code local}. */
  public GroupCommit(Pool pool, LocalWrites local) {
    this.pool = pool;
    this.local = local;
  }

  /**
   * Writes a validated batch ({@code tokenId}: the writing token, {@code null} the server itself),
   * in a group with others that arrive meanwhile; the future holds what it wrote, once committed.
   */
  public Future<WriteResult> write(Collection<PointInput> points, Long tokenId) {
    Map<PointInput.Key, PointInput> byKey = PointRepository.byKey(points);
    List<PointInput> unique = List.copyOf(byKey.values());
    Set<PointInput.Key> keys = byKey.keySet();
    Promise<WriteResult> answer = Promise.promise();
    synchronized (this) {
      queue.add(new Request(unique, keys, points.size(), tokenId, answer, Vertx.currentContext()));
    }
    sendNext();
    return answer.future();
  }

  /** Starts a group when a slot is free and requests wait. */
  private void sendNext() {
    List<Request> group;
    Set<PointInput.Key> keys;
    synchronized (this) {
      if (writing.size() >= MAX_IN_FLIGHT || queue.isEmpty() || !writing.isEmpty() && !fullGroupWaits()) {
        return;
      }
      group = take();
      if (group.isEmpty()) {
        return;
      }
      keys = keysOf(group);
      writing.add(keys);
    }
    call(group.stream().map(Request::points).toList(), group.stream().map(Request::tokenId).toList())
        .onComplete(ar -> {
          synchronized (this) {
            // By identity: the set this group added.
            writing.removeIf(w -> w == keys);
          }
          sendNext();
          if (ar.succeeded()) {
            for (int i = 0; i < group.size(); i++) {
              Request r = group.get(i);
              answer(r, ar.result().requests().get(i));
            }
          } else if (group.size() == 1) {
            fail(group.get(0), ar.cause());
          } else {
            group.forEach(this::alone);
          }
        });
  }

  /** The points of a group: a group of one request (a large one, or a lone writer) has that request's keys. */
  private static Set<PointInput.Key> keysOf(List<Request> group) {
    if (group.size() == 1) {
      return group.get(0).keys();
    }
    Set<PointInput.Key> keys = new HashSet<>();
    group.forEach(r -> keys.addAll(r.keys()));
    return keys;
  }

  /** Whether the waiting requests hold a full group's points. Call it holding the lock. */
  private boolean fullGroupWaits() {
    int points = 0;
    for (Request r : queue) {
      points += r.points().size();
      if (points >= MAX_GROUP_POINTS) {
        return true;
      }
    }
    return false;
  }

  /**
   * The next group, in arrival order: requests with distinct points, none of them being written,
   * up to {@link #MAX_GROUP_POINTS} (or one larger request); empty when every waiting request waits
   * for a group at the database. Call it holding the lock.
   */
  private List<Request> take() {
    List<Request> group = new ArrayList<>();
    Set<PointInput.Key> passed = new HashSet<>();
    int points = 0;
    for (Iterator<Request> it = queue.iterator(); it.hasNext(); ) {
      Request r = it.next();
      if (!group.isEmpty() && points + r.points().size() > MAX_GROUP_POINTS) {
        break;
      }
      boolean distinct = r.keys().stream().noneMatch(k -> passed.contains(k) || beingWritten(k));
      // Skipped or not, its points stay taken: a later request for one of them must not pass it.
      if (it.hasNext()) {
        passed.addAll(r.keys());
      }
      if (distinct) {
        it.remove();
        group.add(r);
        points += r.points().size();
      }
    }
    return group;
  }

  /** Whether a group at the database holds this point. Call it holding the lock. */
  private boolean beingWritten(PointInput.Key key) {
    for (Set<PointInput.Key> group : writing) {
      if (group.contains(key)) {
        return true;
      }
    }
    return false;
  }

  /** Writes one request of a failed group by itself, so that only a request the database refuses fails. */
  private void alone(Request r) {
    call(List.of(r.points()), Collections.singletonList(r.tokenId()))
        .onSuccess(committed -> answer(r, committed.requests().get(0)))
        .onFailure(e -> fail(r, e));
  }

  /** One call at the database, known to {@link LocalWrites} from its start to its end. */
  private Future<PointRepository.Committed> call(List<List<PointInput>> batches, List<Long> writers) {
    long call = local.begin();
    return PointRepository.writeRequests(pool, batches, writers)
        .andThen(ar -> local.end(call, ar.succeeded() ? ar.result().changes() : List.of()));
  }

  private static void answer(Request r, PointRepository.Written written) {
    WriteResult result = new WriteResult(r.accepted(), written.count(), r.points().size() - written.count(),
        written.seq());
    onContext(r, () -> r.answer().complete(result));
  }

  private static void fail(Request r, Throwable e) {
    onContext(r, () -> r.answer().fail(e));
  }

  private static void onContext(Request r, Runnable action) {
    if (r.context() == null) {
      action.run();
    } else {
      r.context().runOnContext(v -> action.run());
    }
  }
}
