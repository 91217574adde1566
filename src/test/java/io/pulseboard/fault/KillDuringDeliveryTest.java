package io.pulseboard.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.AppProcess;
import io.pulseboard.Http;
import io.pulseboard.TestDatabase;
import io.pulseboard.notify.OutboxRows;
import io.pulseboard.notify.WebhookReceiver;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox through everything a receiver and a server can do wrong: the receiver answers 500,
 * then some 200s, then never answers, then refuses connections; the server is killed with
 * {@code kill -9} meanwhile and started again; the receiver recovers. Every notification arrives,
 * each series in order, and the attempt log shows each kind of failure.
 */
@ExtendWith(VertxExtension.class)
class KillDuringDeliveryTest {
  private static final Map<String, String> SETTINGS = Map.of("PULSEBOARD_WEBHOOK_ALLOW_PRIVATE", "true",
      "PULSEBOARD_WEBHOOK_TIMEOUT", "PT1S", "PULSEBOARD_WEBHOOK_BACKOFF_MAX", "PT2S");
  private static final int SERIES = 5;
  private static final int TRANSITIONS = 6;

  @Test
  @Timeout(300)
  void every_notification_arrives_in_order_through_errors_timeouts_refusals_and_a_kill_9(Vertx vertx)
      throws Exception {
    String db = TestDatabase.create();
    AtomicInteger calls = new AtomicInteger();
    try (WebhookReceiver receiver = new WebhookReceiver(vertx).open()) {
      receiver.answer(body -> {
        int n = calls.incrementAndGet();
        return n <= 10 ? Integer.valueOf(500) : n <= 16 ? Integer.valueOf(200) : n <= 26 ? null : Integer.valueOf(200);
      });
      try (AppProcess app = FaultApps.external(db, SETTINGS)) {
        long channel = channel(vertx, app.awaitPort(), receiver.url("127.0.0.1"));
        OutboxRows.insert(db, channel, SERIES, TRANSITIONS);
        Eventually.await("500s, deliveries and hung requests", 90, () -> calls.get() >= 26);
        receiver.shut();
        Eventually.await("refused connections recorded", 60, () -> attempts(db, "error ILIKE '%refused%'") >= 3);
        assertThat(OutboxRows.count(db, "delivered")).as("some delivered before the kill").isPositive();
        assertThat(OutboxRows.count(db, "pending")).as("some left for after it").isPositive();
        app.kill();
      }
      receiver.open();
      try (AppProcess app = FaultApps.external(db, SETTINGS)) {
        app.awaitPort();
        int total = SERIES * TRANSITIONS;
        Eventually.await("every notification delivered", 120, () -> OutboxRows.count(db, "delivered") == total);
        app.terminate();
      }
      Set<String> ids = new TreeSet<>();
      for (long id = 1; id <= SERIES * TRANSITIONS; id++) {
        ids.add(String.valueOf(id));
      }
      assertThat(receiver.deliveredIds()).isEqualTo(ids);
      assertThat(receiver.outOfOrder(Map.of())).isEmpty();
      // A 500 that comes after the attempt's timeout (a cold server is slow) is recorded as the timeout.
      assertThat(attempts(db, "status_code = 500 AND outcome = 'retried'")).isPositive();
      assertThat(attempts(db, "error LIKE 'no answer within 1 s%'")).isPositive();
      assertThat(attempts(db, "outcome = 'delivered'")).isEqualTo(SERIES * TRANSITIONS);
    }
  }

  private static long channel(Vertx vertx, int port, String url) {
    try (Http http = new Http(vertx, port)) {
      JsonObject body = new JsonObject().put("name", "flaky receiver").put("kind", "webhook").put("url", url)
          .put("format", "json");
      HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/channels", body.encode());
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
      return r.bodyAsJsonObject().getLong("id");
    }
  }

  private static long attempts(String db, String condition) {
    return TestDatabase.queryLong(db, "SELECT count(*) FROM notification_attempts WHERE " + condition);
  }
}
