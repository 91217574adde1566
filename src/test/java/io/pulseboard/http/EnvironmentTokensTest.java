package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code PULSEBOARD_ADMIN_TOKEN} and {@code PULSEBOARD_READ_TOKEN} as token records: they work as
 * before, get ids, and a new value at a restart replaces the old one (rotation).
 */
@ExtendWith(VertxExtension.class)
class EnvironmentTokensTest {
  private static final String OLD_ADMIN = "old-admin-token-0123456789";
  private static final String NEW_ADMIN = "new-admin-token-0123456789";

  private static Pulseboard start(String db, String admin, String read) {
    Map<String, String> env = new HashMap<>();
    env.put("PULSEBOARD_ADMIN_TOKEN", admin);
    if (read != null) {
      env.put("PULSEBOARD_READ_TOKEN", read);
    }
    return TestApp.start(db, env);
  }

  private static int metrics(Http http, String token) {
    return http.get("/api/v1/metrics", "Authorization", "Bearer " + token).statusCode();
  }

  @Test
  void a_new_value_at_a_restart_replaces_the_old_token(Vertx vertx) throws Exception {
    String db = TestDatabase.create();
    try (Pulseboard first = start(db, OLD_ADMIN, "read-one-0123456789")) {
      try (Http http = new Http(vertx, first.port())) {
        assertThat(metrics(http, OLD_ADMIN)).isEqualTo(200);
        assertThat(metrics(http, "read-one-0123456789")).isEqualTo(200);
      }
    }
    try (Pulseboard second = start(db, NEW_ADMIN, "read-two-0123456789"); Http http = new Http(vertx, second.port())) {
      assertThat(metrics(http, NEW_ADMIN)).isEqualTo(200);
      assertThat(metrics(http, "read-two-0123456789")).isEqualTo(200);
      assertThat(metrics(http, OLD_ADMIN)).isEqualTo(403);
      assertThat(metrics(http, "read-one-0123456789")).isEqualTo(403);
    }
    assertThat(TestDatabase.queryLong(db, "SELECT count(*) FROM api_tokens WHERE created_by = 'environment'"
        + " AND revoked_at IS NOT NULL")).isEqualTo(2);
    assertThat(TestDatabase.queryLong(db, "SELECT count(*) FROM api_tokens WHERE created_by = 'environment'"
        + " AND revoked_at IS NULL AND name IN ('PULSEBOARD_ADMIN_TOKEN', 'PULSEBOARD_READ_TOKEN')")).isEqualTo(2);
  }

  @Test
  void a_configured_admin_token_replaces_the_one_generated_at_first_start(Vertx vertx) throws Exception {
    String db = TestDatabase.create();
    Map<String, String> env = new HashMap<>();
    env.put("PULSEBOARD_ADMIN_TOKEN", null);
    try (Pulseboard generated = TestApp.start(db, env)) {
      assertThat(TestDatabase.queryLong(db, "SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL"
          + " AND created_by = 'pulseboard' AND scopes = '{admin}'")).isEqualTo(1);
    }
    try (Pulseboard configured = start(db, NEW_ADMIN, null); Http http = new Http(vertx, configured.port())) {
      assertThat(TestDatabase.queryLong(db, "SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL"
          + " AND created_by = 'pulseboard'")).isZero();
      assertThat(http.get("/api/v1/metrics").statusCode()).as("reads stay open without a read token").isEqualTo(200);
    }
  }
}
