package io.pulseboard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.pulseboard.fault.Eventually;
import io.pulseboard.telemetry.Exposition;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances on one database deliver one outbox: each notification reaches the receiver once,
 * in order per series, both instances taking part.
 */
@ExtendWith(VertxExtension.class)
class TwoInstancesDeliveryTest {
  private static final Map<String, String> ENV = Map.of("PULSEBOARD_SEED", "false",
      "PULSEBOARD_WEBHOOK_ALLOW_PRIVATE", "true");
  private static final int SERIES = 40;
  private static final int TRANSITIONS = 8;

  @Test
  void each_notification_is_delivered_once_by_one_of_the_two(Vertx vertx) throws Exception {
    String db = TestDatabase.create();
    try (Pulseboard one = TestApp.start(db, ENV); Pulseboard two = TestApp.start(db, ENV);
        Http http1 = new Http(vertx, one.port()); Http http2 = new Http(vertx, two.port());
        WebhookReceiver receiver = new WebhookReceiver(vertx).open()) {
      long channel = DeliveryTest.channel(http1, receiver.url("127.0.0.1"), "json").getLong("id");
      OutboxRows.insert(db, channel, SERIES, TRANSITIONS);
      int total = SERIES * TRANSITIONS;
      Eventually.await("every notification", 120, () -> OutboxRows.count(db, "delivered") == total);

      Map<String, Long> perId = receiver.received().stream()
          .collect(Collectors.groupingBy(WebhookReceiver.Received::id, Collectors.counting()));
      assertThat(perId).hasSize(total);
      assertThat(perId.values()).as("each once").allMatch(n -> n == 1);
      assertThat(receiver.outOfOrder(Map.of())).isEmpty();
      double byOne = delivered(http1);
      double byTwo = delivered(http2);
      assertThat(byOne + byTwo).as("attempts recorded as delivered").isEqualTo(total);
      assertThat(byOne).as("instance one took part").isPositive();
      assertThat(byTwo).as("instance two took part").isPositive();
    }
  }

  private static double delivered(Http http) {
    return Exposition.scrape(http).value("pulseboard_notification_deliveries_total", "outcome=\"delivered\"")
        .orElse(0);
  }
}
