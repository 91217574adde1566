package io.pulseboard.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code PULSEBOARD_WRITE_RATE_LIMIT}: write requests per second per token (0 = no limit), with a
 * burst of one second's worth. A token bucket per token, keyed by the token's id so no secret is
 * kept; idle tokens are forgotten and at most {@link #MAX_TOKENS} are remembered. Thread-safe.
 */
public final class WriteRateLimit {
  static final int MAX_TOKENS = 10_000;
  private static final Duration IDLE = Duration.ofMinutes(1);

  private final int perSecond;
  private final Runnable onLimited;
  private final Cache<Long, Bucket> buckets =
      Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfterAccess(IDLE).build();

  /** @param onLimited told of each write refused for being over the limit */
  public WriteRateLimit(int perSecond, Runnable onLimited) {
    this.perSecond = perSecond;
    this.onLimited = onLimited;
  }

  public int perSecond() {
    return perSecond;
  }

  /** Takes one write of this token: 0 when it may go ahead, else the seconds to wait (the write is refused). */
  public long retryAfterSeconds(long tokenId) {
    if (perSecond <= 0) {
      return 0;
    }
    ConsumptionProbe probe = buckets.get(tokenId, k -> newBucket()).tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return 0;
    }
    onLimited.run();
    return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + TimeUnit.SECONDS.toNanos(1) - 1));
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
        .build();
  }
}
