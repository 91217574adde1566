package io.pulseboard.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed notification is tried again: exponential backoff from one second, doubled per
 * attempt up to {@code max}, with full jitter (a uniform wait between zero and that bound, so
 * receivers that come back are not hit by every instance's retries at once); given up once the
 * next attempt would fall later than {@code retryFor} after the notification was created.
 */
public record RetrySchedule(Duration max, Duration retryFor) {
  private static final long BASE_MS = 1000;

  /** The bound of the wait after the n-th failed attempt (n from 1). */
  public long ceilingMs(int attempt) {
    long ceiling = BASE_MS << Math.min(Math.max(attempt - 1, 0), 40);
    return Math.min(ceiling, max.toMillis());
  }

  /** The next attempt after the n-th failed one, or {@code null} when the notification is given up. */
  public Instant next(int attempt, Instant createdAt, Instant now) {
    long wait = ThreadLocalRandom.current().nextLong(ceilingMs(attempt) + 1);
    Instant next = now.plusMillis(wait);
    return next.isAfter(createdAt.plus(retryFor)) ? null : next;
  }
}
