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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sender on a real server and database, delivering rows written straight into the outbox to
 * a real receiver on this host (allowed here by {@code PULSEBOARD_WEBHOOK_ALLOW_PRIVATE}).
 */
@ExtendWith(VertxExtension.class)
class DeliveryTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of("PULSEBOARD_SEED", "false",
      "PULSEBOARD_WEBHOOK_ALLOW_PRIVATE", "true", "PULSEBOARD_WEBHOOK_TIMEOUT", "PT1S",
      "PULSEBOARD_WEBHOOK_BACKOFF_MAX", "PT1S"));

  /** Creates a channel to the receiver; its id and secret. */
  static JsonObject channel(Http http, String url, String format) {
    JsonObject body = new JsonObject().put("name", "test receiver").put("kind", "webhook").put("url", url)
        .put("format", format);
    HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/channels", body.encode());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  static JsonArray log(Http http, String query) {
    HttpResponse<Buffer> r = http.send(HttpMethod.GET, "/api/v1/notifications" + query, null, TestApp.ADMIN_TOKEN, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("notifications");
  }

  @Test
  void a_notification_arrives_once_with_its_id_signed_and_the_log_says_delivered(Vertx vertx) throws Exception {
    try (Http http = new Http(vertx, running.port()); WebhookReceiver receiver = new WebhookReceiver(vertx).open()) {
      JsonObject channel = channel(http, receiver.url("127.0.0.1"), "json");
      OutboxRows.insert(running.db(), channel.getLong("id"), 1, 1);
      Eventually.await("the delivery", 20, () -> receiver.deliveredIds().size() == 1);
      assertThat(receiver.received()).hasSize(1);
      WebhookReceiver.Received got = receiver.received().get(0);
      String id = TestDatabase.queryString(running.db(),
          "SELECT id::text FROM notifications WHERE channel_id = " + channel.getLong("id"));
      assertThat(got.id()).isEqualTo(id);
      assertThat(got.body().copy().put("id", (String) null)).isEqualTo(OutboxRows.body("s0", 1).put("id", (String) null));
      assertThat(SignatureRecipe.verify(channel.getString("secret"), got.signature(),
          got.rawBody().getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond())).isTrue();
      assertThat(SignatureRecipe.verify("another-secret-0123456789", got.signature(),
          got.rawBody().getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond())).isFalse();

      Eventually.await("the log", 10, () -> log(http, "?channel=" + channel.getLong("id")).getJsonObject(0)
          .getString("status").equals("delivered"));
      JsonObject entry = log(http, "?channel=" + channel.getLong("id")).getJsonObject(0);
      assertThat(entry.getInteger("attempts")).isEqualTo(1);
      assertThat(entry.getInteger("last_status")).isEqualTo(200);
      assertThat(entry.getValue("delivered_at")).isNotNull();
      assertThat(entry.getValue("next_attempt_at")).isNull();
      JsonObject detail = http.send(HttpMethod.GET, "/api/v1/notifications/" + id, null, TestApp.ADMIN_TOKEN, null)
          .bodyAsJsonObject();
      assertThat(detail.getJsonArray("history")).hasSize(1);
      assertThat(detail.getJsonArray("history").getJsonObject(0).getString("outcome")).isEqualTo("delivered");
      assertThat(Exposition.scrape(http).value("pulseboard_notification_deliveries_total", "outcome=\"delivered\"")
          .orElse(0)).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void the_documented_node_verifier_accepts_what_the_server_signs_and_nothing_else(Vertx vertx, @org.junit.jupiter.api
      .io.TempDir Path dir) throws Exception {
    try (Http http = new Http(vertx, running.port()); WebhookReceiver receiver = new WebhookReceiver(vertx).open()) {
      JsonObject channel = channel(http, receiver.url("127.0.0.1"), "json");
      OutboxRows.insert(running.db(), channel.getLong("id"), 1, 1);
      Eventually.await("the delivery", 20, () -> receiver.deliveredIds().size() == 1);
      WebhookReceiver.Received got = receiver.received().get(0);
      Path script = dir.resolve("verify.js");
      Files.writeString(script, documentedNodeVerifier() + "\nprocess.exit(verify(process.env.SECRET,"
          + " process.env.SIGNATURE, require('node:fs').readFileSync(process.env.BODY)) ? 0 : 1);\n");
      Path body = dir.resolve("body.json");
      Files.writeString(body, got.rawBody());
      assertThat(node(script, channel.getString("secret"), got.signature(), body)).as("the body as sent").isZero();
      Files.writeString(body, got.rawBody().replace("2.1", "2.2"));
      assertThat(node(script, channel.getString("secret"), got.signature(), body)).as("a changed body").isOne();
      Files.writeString(body, got.rawBody());
      assertThat(node(script, "a-wrong-secret-0123456789", got.signature(), body)).as("a wrong secret").isOne();
    }
  }

  @Test
  void a_slack_channel_gets_text_and_blocks_with_the_id(Vertx vertx) throws Exception {
    try (Http http = new Http(vertx, running.port()); WebhookReceiver receiver = new WebhookReceiver(vertx).open()) {
      JsonObject channel = channel(http, receiver.url("127.0.0.1"), "slack");
      OutboxRows.insert(running.db(), channel.getLong("id"), 1, 1);
      Eventually.await("the delivery", 20, () -> receiver.deliveredIds().size() == 1);
      JsonObject got = receiver.received().get(0).body();
      assertThat(got.getString("id")).isNotBlank();
      assertThat(got.getString("text")).contains("Firing").contains("Korea subscribers fell")
          .contains("paid subscribers (s0) 2.1 below 2.5");
      assertThat(got.getJsonArray("blocks").getJsonObject(0).getString("type")).isEqualTo("section");
      assertThat(got.getJsonArray("blocks").encode()).contains("<https://pulseboard.example.com/#/metrics/");
      assertThat(SignatureRecipe.verify(channel.getString("secret"), receiver.received().get(0).signature(),
          receiver.received().get(0).rawBody().getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond()))
          .isTrue();
    }
  }

  @Test
  void a_failing_receiver_is_retried_and_each_series_arrives_in_order(Vertx vertx) throws Exception {
    try (Http http = new Http(vertx, running.port()); WebhookReceiver receiver = new WebhookReceiver(vertx).open()) {
      AtomicInteger calls = new AtomicInteger();
      receiver.answer(body -> calls.incrementAndGet() <= 8 ? 500 : 200);
      JsonObject channel = channel(http, receiver.url("127.0.0.1"), "json");
      OutboxRows.insert(running.db(), channel.getLong("id"), 3, 4);
      Eventually.await("every notification", 60, () -> receiver.deliveredIds().size() == 12);
      assertThat(receiver.outOfOrder(Map.of())).isEmpty();
      assertThat(receiver.received().stream().filter(r -> r.answered() == 500)).hasSize(8);
      long retried = TestDatabase.queryLong(running.db(), "SELECT count(*) FROM notification_attempts a"
          + " JOIN notifications n ON n.id = a.notification_id WHERE a.outcome = 'retried' AND a.status_code = 500"
          + " AND n.channel_id = " + channel.getLong("id"));
      assertThat(retried).isEqualTo(8);
      Eventually.await("the log", 10, () -> log(http, "?status=pending&channel=" + channel.getLong("id")).isEmpty());
    }
  }

  @Test
  void a_receiver_that_never_answers_times_out_and_holds_no_other_channel_up(Vertx vertx) throws Exception {
    try (Http http = new Http(vertx, running.port()); WebhookReceiver hung = new WebhookReceiver(vertx).open();
        WebhookReceiver fine = new WebhookReceiver(vertx).open()) {
      hung.answer(body -> null);
      JsonObject slow = channel(http, hung.url("127.0.0.1"), "json");
      JsonObject fast = channel(http, fine.url("127.0.0.1"), "json");
      OutboxRows.insert(running.db(), slow.getLong("id"), 30, 1);
      OutboxRows.insert(running.db(), fast.getLong("id"), 5, 2);
      Eventually.await("the other channel's notifications", 20, () -> fine.deliveredIds().size() == 10);
      Eventually.await("a timeout recorded", 20, () -> TestDatabase.queryLong(running.db(),
          "SELECT count(*) FROM notifications WHERE last_error LIKE 'no answer within 1 s%' AND channel_id = "
              + slow.getLong("id")) > 0);
      TestDatabase.execute(running.db(), "DELETE FROM channels WHERE id = " + slow.getLong("id"));
    }
  }

  @Test
  void the_log_filters_by_status_and_channel_and_pages_newest_first(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      long a = channel(http, "http://192.0.2.1/never", "json").getLong("id");
      long b = channel(http, "http://192.0.2.2/never", "json").getLong("id");
      // Far in the future: the sender leaves them alone.
      for (long channel : List.of(a, b)) {
        TestDatabase.execute(running.db(), "INSERT INTO notifications (channel_id, rule_id, series_key, transition_seq,"
            + " state, body, next_attempt_at) SELECT " + channel + ", 9, 's', g, 'firing', '{}', now() + interval '1 day'"
            + " FROM generate_series(1, 5) g");
      }
      TestDatabase.execute(running.db(), "UPDATE notifications SET status = 'failed' WHERE channel_id = " + b
          + " AND transition_seq <= 2");
      JsonArray ofA = log(http, "?channel=" + a);
      assertThat(ofA).hasSize(5);
      assertThat(ofA.stream().map(o -> ((JsonObject) o).getLong("transition"))).containsExactly(5L, 4L, 3L, 2L, 1L);
      assertThat(log(http, "?channel=" + b + "&status=failed")).hasSize(2);
      HttpResponse<Buffer> page = http.send(HttpMethod.GET, "/api/v1/notifications?limit=3&channel=" + b, null,
          TestApp.ADMIN_TOKEN, null);
      long next = page.bodyAsJsonObject().getLong("next_before");
      JsonArray rest = log(http, "?limit=3&channel=" + b + "&before=" + next);
      assertThat(rest.stream().map(o -> ((JsonObject) o).getLong("transition"))).containsExactly(2L, 1L);
      HttpResponse<Buffer> bad = http.send(HttpMethod.GET, "/api/v1/notifications?status=lost", null,
          TestApp.ADMIN_TOKEN, null);
      assertThat(bad.statusCode()).isEqualTo(422);
      TestDatabase.execute(running.db(), "DELETE FROM channels WHERE id IN (" + a + ", " + b + ")");
    }
  }

  /** The Node verifier of docs/alerts.md, section Signatures, as it is written there. */
  static String documentedNodeVerifier() throws Exception {
    String doc = Files.readString(Path.of("docs/alerts.md"));
    Matcher m = Pattern.compile("## Signatures.*?```js\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(m.find()).as("a js block under Signatures").isTrue();
    assertThat(m.group(1).lines().count()).as("a verifier of at most 10 lines").isLessThanOrEqualTo(10);
    return m.group(1);
  }

  private static int node(Path script, String secret, String signature, Path body) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("node", script.toString()).redirectErrorStream(true);
    builder.environment().putAll(Map.of("SECRET", secret, "SIGNATURE", signature, "BODY", body.toString()));
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(out).as("node's output").isEmpty();
    return p.exitValue();
  }
}
