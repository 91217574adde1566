package io.pulseboard.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgConnectOptions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database answers but has no connection to give: the pool's connections are all held, or
 * PostgreSQL refuses new ones (53300). Both are answered 503 with {@code Retry-After}, like an
 * unreachable database, and both end by themselves.
 */
@ExtendWith(VertxExtension.class)
class DatabaseOutOfConnectionsTest {
  private static final Map<String, String> NO_SEED = Map.of("PULSEBOARD_SEED", "false");
  /** More reads than the pool has connections (16), so some wait for one. */
  private static final int READS = 24;

  @Test
  @Timeout(120)
  void answers_503_when_no_pool_connection_frees_up_in_time(Vertx vertx) throws Exception {
    String db = TestDatabase.create();
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1"),
        new PoolOptions().setHttp1MaxSize(READS));
    try (Pulseboard app = TestApp.start(db, NO_SEED); Connection locker = TestDatabase.connect(db)) {
      locker.setAutoCommit(false);
      try (Statement s = locker.createStatement()) {
        // Every read of the metrics table now waits, holding its pool connection.
        s.execute("LOCK TABLE metrics IN ACCESS EXCLUSIVE MODE");
      }
      Promise<Void> first503 = Promise.promise();
      List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
      for (int i = 0; i < READS; i++) {
        answers.add(client.request(HttpMethod.GET, app.port(), "127.0.0.1", "/api/v1/metrics").send()
            .onSuccess(r -> {
              if (r.statusCode() == 503) {
                first503.tryComplete();
              }
            }));
      }
      first503.future().timeout(60, TimeUnit.SECONDS).await();
      locker.rollback();
      Future.join(answers).timeout(60, TimeUnit.SECONDS).await();

      List<HttpResponse<Buffer>> refused = answers.stream().map(Future::result)
          .filter(r -> r.statusCode() != 200).toList();
      assertThat(refused).isNotEmpty().allSatisfy(DatabaseOutOfConnectionsTest::assertUnavailable);
      assertThat(refused.size()).as("reads that got a connection once the lock was gone").isLessThan(READS);
    } finally {
      client.close();
    }
  }

  @Test
  @Timeout(120)
  void answers_503_when_the_database_refuses_more_connections(Vertx vertx) throws Exception {
    String admin = TestDatabase.create();
    String role = "pb_fault_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String dbName = PgConnectOptions.fromUri(admin).getDatabase();
    // A password too, for servers that do not trust local connections.
    TestDatabase.execute(admin, "CREATE ROLE " + role + " LOGIN PASSWORD '" + role + "'");
    TestDatabase.execute(admin, "ALTER DATABASE " + dbName + " OWNER TO " + role);
    String asRole = admin.replaceFirst("://[^@]*@", "://" + role + ":" + role + "@");
    try (Pulseboard app = TestApp.start(asRole, NO_SEED); Http http = new Http(vertx, app.port())) {
      assertThat(http.get("/api/v1/metrics").statusCode()).isEqualTo(200);
      TestDatabase.execute(admin, "ALTER ROLE " + role + " CONNECTION LIMIT 0");
      TestDatabase.queryLong(admin, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '"
          + role + "'");

      assertUnavailable(http.get("/api/v1/metrics"));
      assertUnavailable(http.postPoints(Http.regionPoint("offices", "kr", "2026-01-01T00:00:00Z", 1)));

      TestDatabase.execute(admin, "ALTER ROLE " + role + " CONNECTION LIMIT -1");
      Eventually.await("reads served again", 30, () -> http.get("/api/v1/metrics").statusCode() == 200);
    } finally {
      String postgres = admin.substring(0, admin.lastIndexOf('/') + 1) + "postgres";
      TestDatabase.execute(postgres, "DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
      TestDatabase.execute(postgres, "DROP ROLE IF EXISTS " + role);
    }
  }

  private static void assertUnavailable(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as("status of %s", response.bodyAsString()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("5");
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("urn:pulseboard:problem:unavailable");
  }
}
