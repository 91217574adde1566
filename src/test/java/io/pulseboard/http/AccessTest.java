package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

@ExtendWith(VertxExtension.class)
class AccessTest {
  private static final String READ_TOKEN = "read-token-for-tests-0123";
  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN));

  @Test
  void reads_need_the_read_token_when_one_is_set(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      HttpResponse<Buffer> none = http.get("/api/v1/metrics");
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(http.get("/api/v1/metrics", "Authorization", "Bearer wrong-token-0123456789").statusCode())
          .isEqualTo(403);
      assertThat(http.get("/api/v1/metrics", "Authorization", "Bearer " + READ_TOKEN).statusCode()).isEqualTo(200);
      assertThat(http.get("/api/v1/metrics", "Authorization", "Bearer " + TestApp.ADMIN_TOKEN).statusCode())
          .isEqualTo(200);
      assertThat(http.get("/metrics").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void the_read_token_cannot_write(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/annotations",
          "{\"ts\":\"2026-01-01T00:00:00Z\",\"title\":\"x\"}", READ_TOKEN, "application/json");
      assertThat(r.statusCode()).isEqualTo(403);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void health_and_the_contract_stay_open(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
      assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
      HttpResponse<Buffer> contract = http.get("/api/v1/openapi.yaml");
      assertThat(contract.statusCode()).isEqualTo(200);
      Map<String, Object> parsed = new Yaml().load(contract.bodyAsString());
      assertThat(parsed.get("openapi")).isEqualTo("3.1.0");
      assertThat(((Map<String, ?>) parsed.get("paths")).keySet()).contains("/api/v1/points", "/api/v1/changes",
          "/api/v1/metrics/{id}/points", "/health/ready", "/metrics");
    }
  }

  @Test
  void every_response_carries_the_security_headers(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      HttpResponse<Buffer> r = http.get("/health/live");
      assertThat(r.getHeader("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'");
      assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }
  }
}
