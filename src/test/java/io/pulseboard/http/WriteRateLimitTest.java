package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PULSEBOARD_WRITE_RATE_LIMIT: a token's writes past its rate get 429 with Retry-After and write nothing. */
@ExtendWith(VertxExtension.class)
class WriteRateLimitTest {
  private static final String READ_TOKEN = "read-token-for-tests-0123";
  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of("PULSEBOARD_SEED", "false",
      "PULSEBOARD_WRITE_RATE_LIMIT", "3", "PULSEBOARD_READ_TOKEN", READ_TOKEN));

  @Test
  void writes_past_the_rate_get_429_with_retry_after_and_write_nothing(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      WebClient client = WebClient.create(vertx);
      assertThat(http.get("/api/v1/annotations", "Authorization", "Bearer " + READ_TOKEN).statusCode()).isEqualTo(200);
      // All at once, so the bucket (3 at once, 3 more a second) cannot refill much meanwhile.
      List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        sent.add(client.post(running.port(), "127.0.0.1", "/api/v1/annotations")
            .putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN).putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer("{\"ts\":\"2026-01-0" + (i % 9 + 1) + "T00:00:00Z\",\"title\":\"write " + i + "\"}")));
      }
      List<HttpResponse<Buffer>> answers = sent.stream().map(f -> f.await()).toList();
      List<HttpResponse<Buffer>> created = answers.stream().filter(r -> r.statusCode() == 201).toList();
      List<HttpResponse<Buffer>> limited = answers.stream().filter(r -> r.statusCode() == 429).toList();
      assertThat(created.size() + limited.size()).isEqualTo(10);
      assertThat(created.size()).isBetween(3, 5);
      HttpResponse<Buffer> last = limited.get(0);
      assertThat(last.getHeader("Retry-After")).isEqualTo("1");
      assertThat(last.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(last.bodyAsJsonObject().getString("detail")).contains("PULSEBOARD_WRITE_RATE_LIMIT")
          .doesNotContain(TestApp.ADMIN_TOKEN);
      assertThat(TestDatabase.queryLong(running.db(), "SELECT count(*) FROM annotations")).isEqualTo(created.size());
      // Reads are not writes: they are not limited.
      for (int i = 0; i < 10; i++) {
        assertThat(http.get("/api/v1/annotations", "Authorization", "Bearer " + TestApp.ADMIN_TOKEN).statusCode())
            .isEqualTo(200);
      }
    }
  }
}
