package io.pulseboard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.pulseboard.fault.Eventually;
import io.pulseboard.telemetry.Exposition;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Without {@code PULSEBOARD_WEBHOOK_ALLOW_PRIVATE}, the default: a loopback target is refused when
 * the channel is saved with an address, and at delivery when a name resolves to one; nothing
 * reaches the receiver, the delivery log says why, and the notification is given up in the end.
 */
@ExtendWith(VertxExtension.class)
class DeliveryRefusalTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of("PULSEBOARD_SEED", "false",
      "PULSEBOARD_WEBHOOK_BACKOFF_MAX", "PT1S", "PULSEBOARD_WEBHOOK_RETRY_FOR", "PT4S"));

  @Test
  void a_loopback_address_is_refused_when_the_channel_is_saved(Vertx vertx) {
    try (Http http = new Http(vertx, running.port()); WebhookReceiver receiver = new WebhookReceiver(vertx).open()) {
      JsonObject body = new JsonObject().put("name", "local").put("kind", "webhook")
          .put("url", receiver.url("127.0.0.1")).put("format", "json");
      HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/channels", body.encode());
      assertThat(r.statusCode()).isEqualTo(422);
      JsonObject error = r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
      assertThat(error.getString("pointer")).isEqualTo("/url");
      assertThat(error.getString("detail")).contains("loopback").contains("PULSEBOARD_WEBHOOK_ALLOW_PRIVATE");
      assertThat(TestDatabase.queryLong(running.db(), "SELECT count(*) FROM channels")).isZero();
    }
  }

  @Test
  void a_name_resolving_to_loopback_is_refused_at_delivery_logged_and_given_up(Vertx vertx) throws Exception {
    try (Http http = new Http(vertx, running.port()); WebhookReceiver receiver = new WebhookReceiver(vertx).open()) {
      JsonObject body = new JsonObject().put("name", "local by name").put("kind", "webhook")
          .put("url", receiver.url("localhost")).put("format", "json");
      HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/channels", body.encode());
      assertThat(r.statusCode()).as("a name is checked when it is resolved").isEqualTo(201);
      long channel = r.bodyAsJsonObject().getLong("id");
      OutboxRows.insert(running.db(), channel, 1, 1);

      Eventually.await("the notification given up", 30, () -> OutboxRows.count(running.db(), "failed") == 1);
      assertThat(receiver.received()).as("nothing was sent").isEmpty();
      JsonObject entry = DeliveryTest.log(http, "?channel=" + channel).getJsonObject(0);
      assertThat(entry.getString("status")).isEqualTo("failed");
      assertThat(entry.getString("last_error")).startsWith("refused: localhost resolves to ").contains("loopback")
          .doesNotContain("/hook").doesNotContain("team=growth");
      assertThat(entry.getValue("last_status")).isNull();
      JsonArray history = http.send(HttpMethod.GET, "/api/v1/notifications/" + entry.getLong("id"), null,
          TestApp.ADMIN_TOKEN, null).bodyAsJsonObject().getJsonArray("history");
      assertThat(history.size()).isGreaterThanOrEqualTo(2);
      assertThat(history.getJsonObject(0).getString("outcome")).isEqualTo("refused");
      assertThat(history.getJsonObject(history.size() - 1).getString("outcome")).isEqualTo("failed");
      Exposition metrics = Exposition.scrape(http);
      assertThat(metrics.value("pulseboard_notification_deliveries_total", "outcome=\"refused\"").orElse(0))
          .isGreaterThanOrEqualTo(1);
      assertThat(metrics.value("pulseboard_notification_deliveries_total", "outcome=\"failed\"")).hasValue(1);
      assertThat(metrics.value("pulseboard_notification_deliveries_total", "outcome=\"delivered\"")).hasValue(0);
    }
  }
}
