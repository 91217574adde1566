package io.pulseboard.feed;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Changes the live fan-out has taken from the feed and not yet finished writing. Past the
 * limit the feed stops reading until the fan-out catches up: the changes wait in the database,
 * where they are already stored, and are then read in seq order as usual. So however fast points
 * are written, an instance holds at most about this many changes in memory on their way to its
 * sockets.
 */
public final class FeedBacklog {
  /** Changes in flight past which the feed waits. */
  public static final long LIMIT = 20_000;

  private final AtomicLong items = new AtomicLong();
  private final long limit;

  public FeedBacklog(long limit) {
    this.limit = limit;
  }

  /** The fan-out took these many changes from the feed. */
  public void arrived(int count) {
    items.addAndGet(count);
  }

  /** The fan-out is done with these many changes. */
  public void delivered(int count) {
    items.addAndGet(-count);
  }

  /** Whether the feed should wait before reading more. */
  public boolean full() {
    return items.get() >= limit;
  }

  /** Changes in flight now. */
  public long items() {
    return items.get();
  }
}
