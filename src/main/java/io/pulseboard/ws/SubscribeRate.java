package io.pulseboard.ws;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How often one socket may subscribe: a token bucket of {@link #PER_SECOND} subscribes that
 * refills at that many a second. Each subscribe may build a snapshot of every metric, so without
 * it one socket could keep the database busy with snapshots (10 000 a second were seen); a
 * dashboard subscribes once per connection, so the limit never touches a real client.
 */
final class SubscribeRate {
  /** Subscribes one socket may send in a burst, and per second after that. */
  static final int PER_SECOND = 10;
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final int perSecond;
  private final LongSupplier nanoClock;
  private double tokens;
  private long last;

  /** {@code nanoClock}: {@code System::nanoTime}, or a test's own clock. */
  SubscribeRate(int perSecond, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.nanoClock = nanoClock;
    this.tokens = perSecond;
    this.last = nanoClock.getAsLong();
  }

  /** Takes one subscribe from the bucket; false when the socket is over its rate. */
  boolean tryAcquire() {
    long now = nanoClock.getAsLong();
    tokens = Math.min(perSecond, tokens + (double) (now - last) * perSecond / SECOND);
    last = now;
    if (tokens < 1) {
      return false;
    }
    tokens--;
    return true;
  }
}
