package io.pulseboard.feed;

import io.pulseboard.db.Change;
import io.pulseboard.db.ChangeRepository;
import io.pulseboard.db.LocalWrites;
import io.pulseboard.db.Notifications;
import io.pulseboard.db.PointRepository;
import io.pulseboard.telemetry.ServerMeters;
import io.pulseboard.telemetry.ServerMeters.BatchSource;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change feed of this instance: LISTENs on {@link PointRepository#CHANNEL}, and on every
 * notification (and on every reconnect, and every few seconds as a safety net) reads the changes
 * after the last seq it delivered and publishes them locally as {@link ChangeBatch}es, in seq
 * order, each change once. Changes that start right after the last seq delivered are published as
 * they come, with no read: those a notification carries, and those this instance's own writes
 * answer with ({@link LocalWrites}; an answer that comes before the answer of the changes under
 * it waits for that one). A notification it cannot take so while this instance has
 * writes at the database waits for them to end (one of them may have made its changes), or for
 * {@link #WRITES_WAIT_LIMIT_MS} at most, before it reads. Writers serialize on an
 * advisory lock, so no lower seq can commit after a higher one has been read, and notifications
 * come in commit order: advancing past what was read or carried never skips a change. While the
 * {@link FeedBacklog} is full it reads nothing, so a slow fan-out holds changes in the database
 * rather than in memory.
 */
public final class ChangeFeedVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeedVerticle.class);
  private static final int FETCH_LIMIT = 1000;
  private static final long SAFETY_POLL_MS = 5000;
  private static final long ROOM_CHECK_MS = 20;
  /** Longest wait for this instance's writes before a read, by default: a write that hangs holds nothing back longer. */
  static final long WRITES_WAIT_LIMIT_MS = 1000;
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final Pool pool;
  private final Notifications notifications;
  private final ServerMeters meters;
  private final FeedBacklog backlog;
  private final LocalWrites local;
  private final long safetyPollMs;
  private final long writesWaitLimitMs;
  private ChangeRepository changes;
  private Notifications.Listening listening;
  private long lastSeq;
  private boolean fetching;
  private boolean fetchAgain;
  private boolean connectedOnce;
  private boolean waitingForRoom;
  private long pollTimer;
  /** The last of this instance's writes a notification waits for; 0: none. */
  private long awaitedWrite;
  /** The highest seq notified while waiting for writes (Long.MAX_VALUE: one not understood). */
  private long awaitedHead;
  private long waitTimer;
  /**
   * Changes of this instance's writes whose answers came before those of the changes under them,
   * by first seq: published once those are, without a read.
   */
  private final TreeMap<Long, List<Change>> early = new TreeMap<>();
  /** While early changes wait: the last write begun when the first came; once none up to it is at the database, the gap is read. */
  private long earlyUpTo;

  public ChangeFeedVerticle(Pool pool, Notifications notifications, ServerMeters meters, FeedBacklog backlog,
      LocalWrites local) {
    this(pool, notifications, meters, backlog, local, SAFETY_POLL_MS, WRITES_WAIT_LIMIT_MS);
  }

  /**
   * A feed that reads every {@code safetyPollMs} as a safety net, and waits for this instance's
   * writes {@code writesWaitLimitMs} at most (tests make the poll rare, and the wait long where
   * they do not test its limit).
   */
  public ChangeFeedVerticle(Pool pool, Notifications notifications, ServerMeters meters, FeedBacklog backlog,
      LocalWrites local, long safetyPollMs, long writesWaitLimitMs) {
    this.pool = pool;
    this.notifications = notifications;
    this.meters = meters;
    this.backlog = backlog;
    this.local = local;
    this.safetyPollMs = safetyPollMs;
    this.writesWaitLimitMs = writesWaitLimitMs;
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().registerDefaultCodec(ChangeBatch.class, new LocalCodec<>(ChangeBatch.class));
    changes = new ChangeRepository(pool);
    return changes.head().compose(head -> {
      lastSeq = head;
      meters.feedDelivered(head);
      local.listen(context, this::written);
      pollTimer = vertx.setPeriodic(safetyPollMs, id -> fetch());
      return notifications.listen(PointRepository.CHANNEL, v -> onSubscribed(), this::notified);
    }).onSuccess(l -> listening = l);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(pollTimer);
    local.listen(null, null);
    vertx.eventBus().unregisterDefaultCodec(ChangeBatch.class);
    return listening == null ? Future.succeededFuture() : listening.stop();
  }

  private void onSubscribed() {
    if (connectedOnce) {
      LOG.info("Change feed listening again; catching up from seq {}", lastSeq);
      meters.feedReconnected();
    }
    connectedOnce = true;
    fetch();
  }

  /**
   * Publishes the changes a notification carries when they {@linkplain #follow follow}; else reads,
   * unless its changes were published already, and once this instance's writes at the database
   * then have ended (their answers may bring the changes without a read).
   */
  private void notified(String payload) {
    ChangeRepository.Notification notification = ChangeRepository.notification(payload);
    meters.feedHead(notification.head());
    if (notification.head() >= 0 && notification.head() <= lastSeq) {
      return;
    }
    if (follow(notification.changes())) {
      publish(notification.changes(), BatchSource.NOTIFICATION);
      return;
    }
    long head = notification.head() < 0 ? Long.MAX_VALUE : notification.head();
    if (awaitedWrite > 0) {
      awaitedHead = Math.max(awaitedHead, head);
    } else if (local.atDatabaseUpTo(local.lastBegun())) {
      // Not extended by later notifications: a wait lasts as long as the writes at the database now,
      // and writesWaitLimitMs at most.
      awaitedWrite = local.lastBegun();
      awaitedHead = head;
      waitTimer = vertx.setTimer(writesWaitLimitMs, id -> endWait());
    } else {
      fetch();
    }
  }

  /**
   * The changes one of this instance's writes committed: published when they {@linkplain #follow
   * follow}; kept when only a gap keeps them from following and this instance's writes at the
   * database may fill it (writes commit in seq order, but their answers reach the feed from
   * different event loops, a later one sometimes first); else read. Kept changes wait until the
   * writes at the database when the first was kept have ended: a gap left then (a write that
   * failed, or another instance's) is read. And a wait for the writes ends when they have all ended.
   */
  private void written(List<Change> items) {
    if (follow(items)) {
      publish(items, BatchSource.WRITE);
    } else if (!items.isEmpty() && items.get(items.size() - 1).seq() > lastSeq) {
      if (items.get(0).seq() > lastSeq + 1 && items.size() <= FETCH_LIMIT && !fetching && !backlog.full()) {
        if (early.isEmpty()) {
          earlyUpTo = local.lastBegun();
        }
        early.put(items.get(0).seq(), items);
      } else {
        fetch();
      }
    }
    if (!early.isEmpty() && !local.atDatabaseUpTo(earlyUpTo)) {
      early.clear();
      fetch();
    }
    if (awaitedWrite > 0 && !local.atDatabaseUpTo(awaitedWrite)) {
      endWait();
    }
  }

  /**
   * Publishes the kept changes that follow now; drops those published meanwhile (by a read or a
   * notification), and reads when one was published only in part.
   */
  private void publishEarly() {
    while (!early.isEmpty()) {
      List<Change> next = early.firstEntry().getValue();
      if (next.get(0).seq() <= lastSeq) {
        early.pollFirstEntry();
        if (next.get(next.size() - 1).seq() > lastSeq) {
          early.clear();
          fetch();
        }
      } else if (follow(next)) {
        early.pollFirstEntry();
        publish(next, BatchSource.WRITE);
      } else {
        return;
      }
    }
  }

  /** Ends a wait for this instance's writes: reads when what was notified meanwhile is not published yet. */
  private void endWait() {
    if (awaitedWrite == 0) {
      return;
    }
    awaitedWrite = 0;
    vertx.cancelTimer(waitTimer);
    if (awaitedHead > lastSeq) {
      fetch();
    }
  }

  /**
   * Whether {@code items} can be published as they are: nothing is being read or waiting for room,
   * and their seqs run on from {@code lastSeq} without a gap (a gap may be a change still to commit).
   */
  private boolean follow(List<Change> items) {
    if (items.isEmpty() || items.size() > FETCH_LIMIT || fetching || backlog.full()) {
      return false;
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).seq() != lastSeq + 1 + i) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads and publishes everything after {@code lastSeq}; one fetch at a time, repeated while more
   * wait, and none while the backlog is full (then it looks again shortly).
   */
  private void fetch() {
    if (fetching) {
      fetchAgain = true;
      return;
    }
    if (backlog.full()) {
      if (!waitingForRoom) {
        waitingForRoom = true;
        vertx.setTimer(ROOM_CHECK_MS, id -> {
          waitingForRoom = false;
          fetch();
        });
      }
      return;
    }
    fetching = true;
    fetchAgain = false;
    changes.since(lastSeq, FETCH_LIMIT)
        .onSuccess(items -> publish(items, BatchSource.READ))
        .onFailure(e -> LOG.warn("Change feed fetch failed, will retry: {}", e.getMessage()))
        .onComplete(ar -> {
          fetching = false;
          boolean full = ar.succeeded() && ar.result().size() == FETCH_LIMIT;
          if (full || fetchAgain) {
            fetch();
          } else {
            publishEarly();
          }
        });
  }

  private void publish(List<Change> items, BatchSource source) {
    if (items.isEmpty()) {
      return;
    }
    lastSeq = items.get(items.size() - 1).seq();
    // Counted first: whoever receives the batch sees it counted.
    meters.feedDelivered(lastSeq);
    meters.feedBatch(source);
    vertx.eventBus().publish(ChangeBatch.ADDRESS, new ChangeBatch(items, lastSeq), LOCAL);
    if (!fetching) {
      publishEarly();
    }
  }
}
