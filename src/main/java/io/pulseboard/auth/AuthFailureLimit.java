package io.pulseboard.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows whoever guesses tokens: a token bucket per client address that only failed
 * authentications (a wrong or unknown token) take from. While an address's bucket is empty,
 * every request of that address that carries a token is refused before the token is even
 * looked at, so a right guess cannot be told from a wrong one at more than the refill rate.
 * Right tokens take nothing, so a client with a right token from another address is never slowed.
 *
 * <p>Memory is bounded: an address idle for {@link #IDLE} is forgotten (its bucket would be full
 * again by then), and at most {@code maxAddresses} are kept. Thread-safe: every event loop shares one.
 */
public final class AuthFailureLimit {
  /** Addresses remembered at most; past that the least used are forgotten first. */
  public static final int MAX_ADDRESSES = 100_000;
  /** How long an address stays remembered without a failure. */
  static final Duration IDLE = Duration.ofMinutes(1);
  /** At most one log line per address per window. */
  private static final long LOG_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final Logger LOG = LoggerFactory.getLogger(AuthFailureLimit.class);

  private final int burst;
  private final int perSecond;
  private final Runnable onFailure;
  private final Runnable onLimited;
  private final LongSupplier nanoClock;
  private final TimeMeter timeMeter;
  private final Cache<String, Client> clients;

  /**
   * @param onFailure told of each failed authentication
   * @param onLimited told of each request refused for being over the limit
   * @param nanoClock the time in nanoseconds ({@code System::nanoTime}; tests move their own)
   */
  AuthFailureLimit(int burst, int perSecond, int maxAddresses, Runnable onFailure, Runnable onLimited,
      LongSupplier nanoClock) {
    this.burst = burst;
    this.perSecond = perSecond;
    this.onFailure = onFailure;
    this.onLimited = onLimited;
    this.nanoClock = nanoClock;
    this.timeMeter = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return nanoClock.getAsLong();
      }

      @Override
      public boolean isWallClockBased() {
        return false;
      }
    };
    this.clients = Caffeine.newBuilder().maximumSize(maxAddresses).expireAfterAccess(IDLE)
        .ticker(nanoClock::getAsLong).executor(Runnable::run).build();
  }

  /**
   * {@code PULSEBOARD_AUTH_FAILURE_LIMIT}: {@code perSecond} failures a second per address, twice
   * that at once, reporting to these two counters.
   */
  public static AuthFailureLimit perSecond(int perSecond, Runnable onFailure, Runnable onLimited) {
    return new AuthFailureLimit(2 * perSecond, perSecond, MAX_ADDRESSES, onFailure, onLimited, System::nanoTime);
  }

  /**
   * Asks on behalf of a request with a token from {@code address}: 0 when it may go on to have
   * its token checked, else the seconds it must wait, in which case it is to be refused with
   * 429 and is counted (and the address logged, once a minute) here.
   */
  public long retryAfterSeconds(String address) {
    String key = key(address);
    Client client = clients.getIfPresent(key);
    if (client == null || client.bucket.getAvailableTokens() > 0) {
      return 0;
    }
    long nanos = client.bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + TimeUnit.SECONDS.toNanos(1) - 1));
    onLimited.run();
    client.logOnce(key, seconds, nanoClock.getAsLong());
    return seconds;
  }

  /** Counts a failed authentication (a token that is wrong or unknown) of the client at {@code address}. */
  public void failed(String address) {
    onFailure.run();
    clients.get(key(address), k -> new Client(newBucket(), nanoClock.getAsLong())).bucket.tryConsume(1);
  }

  /** Addresses remembered now (bounded by {@code maxAddresses}). */
  public long remembered() {
    clients.cleanUp();
    return clients.estimatedSize();
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
        .withCustomTimePrecision(timeMeter)
        .build();
  }

  /**
   * The key of a client: its IP address, or for IPv6 its /64 network, which one host usually
   * holds whole (counting each of its addresses apart would let it rotate through them).
   */
  static String key(String address) {
    if (address == null || address.indexOf(':') < 0) {
      return String.valueOf(address);
    }
    try {
      InetAddress parsed = InetAddress.getByName(address);
      if (parsed instanceof Inet6Address) {
        byte[] bytes = Arrays.copyOf(parsed.getAddress(), 16);
        Arrays.fill(bytes, 8, 16, (byte) 0);
        return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
      }
      return parsed.getHostAddress();
    } catch (UnknownHostException e) {
      return address;
    }
  }

  /** One client's bucket and when it was last logged. */
  private static final class Client {
    final Bucket bucket;
    final AtomicLong loggedAt;

    Client(Bucket bucket, long now) {
      this.bucket = bucket;
      this.loggedAt = new AtomicLong(now - LOG_WINDOW_NANOS);
    }

    void logOnce(String key, long retryAfterSeconds, long now) {
      long last = loggedAt.get();
      if (now - last >= LOG_WINDOW_NANOS && loggedAt.compareAndSet(last, now)) {
        LOG.warn("Too many failed authentications from {}: refusing its requests with tokens with 429 for {} s"
            + " (logged once a minute per address)", key, retryAfterSeconds);
      }
    }
  }
}
