package io.pulseboard.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of requests answered 503 because the database is unavailable: at most one line per
 * interval, saying how many more were refused since the previous line. During an outage every
 * producer retries, and one line per refused request would bury everything else in the log.
 */
final class UnavailableLog {
  private static final Logger LOG = LoggerFactory.getLogger(UnavailableLog.class);

  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final AtomicLong nextLineAt;
  private final AtomicLong quiet = new AtomicLong();

  UnavailableLog(Duration interval, LongSupplier nanoClock) {
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
    this.nextLineAt = new AtomicLong(nanoClock.getAsLong());
  }

  /** Records a refused request; logs it when no line was written within the interval. */
  void refused(Throwable cause) {
    long now = nanoClock.getAsLong();
    long next = nextLineAt.get();
    if (now - next >= 0 && nextLineAt.compareAndSet(next, now + intervalNanos)) {
      long more = quiet.getAndSet(0);
      LOG.warn("Database unavailable, answering 503: {}{}", cause,
          more == 0 ? "" : " (and " + more + " more requests since the last such line)");
    } else {
      quiet.incrementAndGet();
    }
  }
}
