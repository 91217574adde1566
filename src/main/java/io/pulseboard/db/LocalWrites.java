package io.pulseboard.db;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This instance's point writes at the database, as its change feed sees them (migration V024):
 * which calls are at the database, and the changes each committed, handed to the feed on the
 * feed's context when the call ends. The feed publishes those changes without reading them back
 * when they follow what it has published; and before it reads after a notification it cannot take
 * as it is, it waits for the calls that were at the database then, since one of them may have made
 * the changes notified. Thread-safe: calls begin and end on every event loop.
 */
public final class LocalWrites {
  private record Listener(Context context, Handler<List<Change>> handler) {}

  private final AtomicLong calls = new AtomicLong();
  private final ConcurrentSkipListSet<Long> atDatabase = new ConcurrentSkipListSet<>();
  private volatile Listener listener;

  /** Hands the changes of every call that ends to {@code handler}, on {@code context}; {@code null} stops. */
  public void listen(Context context, Handler<List<Change>> handler) {
    listener = handler == null ? null : new Listener(context, handler);
  }

  /** A call goes to the database; the number to end it with. */
  long begin() {
    long call = calls.incrementAndGet();
    atDatabase.add(call);
    return call;
  }

  /**
   * A call ended: with the changes it committed, in seq order (none when it failed or changed
   * nothing). It leaves the database, as the feed sees it, when the feed takes its changes: a
   * notification the feed handles before that still waits for it.
   */
  void end(long call, List<Change> changes) {
    Listener current = listener;
    if (current == null) {
      atDatabase.remove(call);
      return;
    }
    current.context().runOnContext(v -> {
      atDatabase.remove(call);
      current.handler().handle(changes);
    });
  }

  /** The number of the last call that went to the database. */
  public long lastBegun() {
    return calls.get();
  }

  /** Whether a call numbered up to {@code call} is still at the database. */
  public boolean atDatabaseUpTo(long call) {
    Long first = atDatabase.ceiling(Long.MIN_VALUE);
    return first != null && first <= call;
  }
}
