package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** An outage writes one log line per interval, not one per refused request. */
class UnavailableLogTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(UnavailableLog.class);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final AtomicLong now = new AtomicLong(1_000);
  private final UnavailableLog log = new UnavailableLog(Duration.ofNanos(100), now::get);

  @BeforeEach
  void capture() {
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
  }

  @Test
  void the_first_refusal_is_logged_at_once_and_the_next_within_the_interval_are_counted() {
    for (int i = 0; i < 50; i++) {
      log.refused(new ConnectException("Connection refused"));
    }
    assertThat(lines.list).hasSize(1);
    assertThat(lines.list.get(0).getFormattedMessage()).contains("Connection refused").doesNotContain("more");

    now.addAndGet(100);
    log.refused(new ConnectException("Connection refused"));
    assertThat(lines.list).hasSize(2);
    assertThat(lines.list.get(1).getFormattedMessage()).contains("and 49 more requests");
  }
}
