package io.pulseboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The buckets on their own, on a clock the test moves: refill, counts, memory bound, IPv6 keys. */
class AuthFailureLimitUnitTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger limited = new AtomicInteger();

  private AuthFailureLimit limit(int maxAddresses) {
    return new AuthFailureLimit(4, 2, maxAddresses, failures::incrementAndGet, limited::incrementAndGet, now::get);
  }

  @Test
  void a_burst_empties_the_bucket_and_the_refill_lets_one_more_try_through() {
    AuthFailureLimit limit = limit(100);
    for (int i = 0; i < 4; i++) {
      assertThat(limit.retryAfterSeconds("192.0.2.1")).isZero();
      limit.failed("192.0.2.1");
    }
    assertThat(limit.retryAfterSeconds("192.0.2.1")).isEqualTo(1);
    assertThat(limit.retryAfterSeconds("192.0.2.2")).isZero();
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
    assertThat(limit.retryAfterSeconds("192.0.2.1")).isZero();
    limit.failed("192.0.2.1");
    assertThat(limit.retryAfterSeconds("192.0.2.1")).isEqualTo(1);
    assertThat(failures.get()).isEqualTo(5);
    assertThat(limited.get()).isEqualTo(2);
  }

  @Test
  void idle_addresses_are_forgotten_and_at_most_the_cap_is_kept() {
    AuthFailureLimit limit = limit(50);
    for (int i = 0; i < 1000; i++) {
      limit.failed("10.0." + (i / 250) + "." + (i % 250));
    }
    assertThat(limit.remembered()).isLessThanOrEqualTo(50);
    now.addAndGet(AuthFailureLimit.IDLE.toNanos() + 1);
    assertThat(limit.remembered()).isZero();
  }

  @Test
  void an_ipv6_host_is_one_client_per_64_network() {
    assertThat(AuthFailureLimit.key("2001:db8:1:2:aaaa::1")).isEqualTo(AuthFailureLimit.key("2001:db8:1:2:bbbb::9"))
        .isEqualTo("2001:db8:1:2:0:0:0:0/64");
    assertThat(AuthFailureLimit.key("2001:db8:1:3::1")).isNotEqualTo(AuthFailureLimit.key("2001:db8:1:2::1"));
    assertThat(AuthFailureLimit.key("127.0.0.2")).isEqualTo("127.0.0.2");
  }
}
