package io.pulseboard.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits for a condition that no event announces (a log line, a meter, a status), polling it. */
public final class Eventually {
  private static final long PAUSE_MS = 200;

  private Eventually() {}

  /** Blocks until the condition holds; fails after the timeout. */
  public static void await(String what, long timeoutSeconds, BooleanSupplier condition) throws InterruptedException {
    await(what, timeoutSeconds, PAUSE_MS, condition);
  }

  /** As {@link #await(String, long, BooleanSupplier)}, asking every {@code pauseMs}: for a state that lasts briefly. */
  public static void await(String what, long timeoutSeconds, long pauseMs, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("%s within %d s", what, timeoutSeconds).isNegative();
      Thread.sleep(pauseMs);
    }
  }
}
