package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SubscribeRateTest {
  private final AtomicLong now = new AtomicLong(123_456_789L);
  private final SubscribeRate rate = new SubscribeRate(10, now::get);

  private int acquired(int tries) {
    int n = 0;
    for (int i = 0; i < tries; i++) {
      n += rate.tryAcquire() ? 1 : 0;
    }
    return n;
  }

  private void advanceMs(long ms) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
  }

  @Test
  void allows_a_burst_of_the_rate_then_refuses() {
    assertThat(acquired(10)).isEqualTo(10);
    assertThat(rate.tryAcquire()).isFalse();
  }

  @Test
  void refills_at_the_rate_per_second() {
    acquired(10);
    advanceMs(100);
    assertThat(acquired(5)).isEqualTo(1);
    advanceMs(500);
    assertThat(acquired(10)).isEqualTo(5);
  }

  @Test
  void a_quiet_socket_saves_up_no_more_than_one_burst() {
    advanceMs(60_000);
    assertThat(acquired(100)).isEqualTo(10);
  }
}
