package io.pulseboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.AppProcess;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code token create|list|revoke} run as real processes, as users run the jar: on the embedded
 * database with and without a running server, and on an external one.
 */
class TokenCommandLineTest {
  private static final String SECRET_LINE = "pb_[A-Za-z0-9_-]{43}";

  @TempDir
  Path tmp;

  /** One finished run of the command line. */
  private record Run(int exit, String out, String err) {}

  private static Run pulseboard(Map<String, String> env, String... args) throws Exception {
    try (AppProcess app = AppProcess.start(List.of(args), env)) {
      int exit = app.awaitExit();
      return new Run(exit, app.output(), app.stderr().strip());
    }
  }

  private static String secretOf(Run created) {
    assertThat(created.exit()).as(created.err()).isZero();
    String last = created.out().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(last).matches(SECRET_LINE);
    return last;
  }

  private static HttpResponse<String> post(int port, String body, String token) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/points"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Posts until the answer has this status (a running server learns of token changes within a second); the last status. */
  private static int awaitStatus(int port, String body, String token, int expected) throws Exception {
    int status = 0;
    for (int i = 0; i < 50 && status != expected; i++) {
      status = post(port, body, token).statusCode();
      if (status != expected) {
        Thread.sleep(100);
      }
    }
    return status;
  }

  private static HttpResponse<String> get(int port, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void an_admin_token_created_before_the_first_start_works_over_http_and_no_token_is_generated() throws Exception {
    Path dataDir = tmp.resolve("data");
    String secret = secretOf(pulseboard(Map.of(), "token", "create", "--name", "first admin", "--scope", "admin",
        "--data-dir", dataDir.toString()));
    assertThat(dataDir.resolve("postgres/postmaster.pid")).as("the command stopped the PostgreSQL it started")
        .doesNotExist();
    try (AppProcess server = AppProcess.start(List.of("--data-dir", dataDir.toString(), "--port", "0", "--host",
        "127.0.0.1", "--read-token", "read-token-0123456789abcdef"), Map.of())) {
      int port = server.awaitPort();
      assertThat(get(port, "/api/v1/metrics", secret).statusCode()).isEqualTo(200);
      assertThat(get(port, "/api/v1/metrics", null).statusCode()).isEqualTo(401);
      assertThat(get(port, "/api/v1/metrics", secret + "x").statusCode()).isEqualTo(403);
      assertThat(server.output()).doesNotContain("Generated an admin token", secret);
      assertThat(server.terminate()).isZero();
    }
  }

  @Test
  void with_the_server_running_on_the_embedded_database_the_commands_reach_its_postgres() throws Exception {
    Path dataDir = tmp.resolve("data");
    try (AppProcess server = AppProcess.start(List.of("--data-dir", dataDir.toString(), "--port", "0", "--host",
        "127.0.0.1", "--admin-token", TestApp.ADMIN_TOKEN), Map.of())) {
      int port = server.awaitPort();
      Run created = pulseboard(Map.of("PULSEBOARD_DATA_DIR", dataDir.toString()), "token", "create", "--name", "etl",
          "--scope", "write:weekly_users", "--json");
      assertThat(created.exit()).as(created.err()).isZero();
      JsonObject json = new JsonObject(created.out());
      assertThat(json.getString("token")).matches(SECRET_LINE);
      assertThat(json.getString("created_by")).isEqualTo("cli");
      // The running server learns of the new token without a restart, and holds it to its scope.
      String point = """
          {"points":[{"metric":"%s","labels":{"region":"global"},"ts":"2026-01-05T00:00:00Z","value":1}]}""";
      assertThat(awaitStatus(port, String.format(point, "weekly_users"), json.getString("token"), 200)).isEqualTo(200);
      assertThat(post(port, String.format(point, "offices"), json.getString("token")).statusCode()).isEqualTo(403);

      Run listed = pulseboard(Map.of(), "token", "list", "--data-dir", dataDir.toString(), "--json");
      assertThat(listed.exit()).as(listed.err()).isZero();
      JsonArray tokens = new JsonArray(listed.out());
      JsonObject etl = tokens.stream().map(JsonObject.class::cast)
          .filter(t -> t.getLong("id").equals(json.getLong("id"))).findFirst().orElseThrow();
      assertThat(etl.getJsonArray("scopes").getList()).containsExactly("write:weekly_users");
      assertThat(etl.containsKey("token")).isFalse();
      assertThat(listed.out()).doesNotContain(json.getString("token"));

      Run revoked = pulseboard(Map.of(), "token", "revoke", json.getLong("id").toString(), "--data-dir",
          dataDir.toString());
      assertThat(revoked.exit()).as(revoked.err()).isZero();
      assertThat(revoked.out()).contains("Revoked token " + json.getLong("id"));
      assertThat(awaitStatus(port, String.format(point, "weekly_users"), json.getString("token"), 403)).isEqualTo(403);
      assertThat(server.output()).doesNotContain(json.getString("token"));
      assertThat(server.terminate()).isZero();
    }
  }

  @Test
  void list_shows_every_record_and_never_a_secret_or_its_hash() throws Exception {
    String url = TestDatabase.create();
    Map<String, String> env = Map.of("DATABASE_URL", url);
    List<String> secrets = new ArrayList<>();
    secrets.add(secretOf(pulseboard(env, "token", "create", "--name", "etl", "--scope", "write:sales_*",
        "--scope", "write:weekly_users")));
    secrets.add(secretOf(pulseboard(env, "token", "create", "--name", "tv", "--scope", "board:korea-launch",
        "--expires", "2999-01-01T09:00:00+09:00")));
    assertThat(pulseboard(env, "token", "revoke", "1").exit()).isZero();

    Run table = pulseboard(env, "token", "list");
    Run json = pulseboard(env, "token", "list", "--json");
    assertThat(table.exit()).isZero();
    List<String> lines = table.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("ID").contains("NAME", "SCOPES", "EXPIRES", "CREATED", "LAST USED",
        "REVOKED");
    assertThat(lines.get(1)).contains("etl", "write:sales_*,write:weekly_users", "cli").matches(".*\\d{4}-.*Z\\s*$");
    assertThat(lines.get(2)).contains("tv", "board:korea-launch", "2999-01-01T00:00:00Z").endsWith("-");
    assertThat(new JsonArray(json.out()).getJsonObject(1).getString("expires")).isEqualTo("2999-01-01T00:00:00Z");
    for (String secret : secrets) {
      byte[] hash = io.pulseboard.auth.TokenSecret.hash(secret);
      for (String printed : List.of(table.out(), json.out(), table.err(), json.err())) {
        assertThat(printed).doesNotContain(secret, secret.substring(3), HexFormat.of().formatHex(hash),
            Base64.getEncoder().encodeToString(hash), "pb_");
      }
    }
  }

  @Test
  void each_class_of_bad_arguments_exits_2_with_one_line_and_writes_nothing() throws Exception {
    String url = TestDatabase.create();
    Map<String, String> env = Map.of("DATABASE_URL", url);
    String longName = "n".repeat(101);
    List<List<String>> bad = List.of(
        List.of("token", "create", "--name", "etl", "--scope", "writer", "token create: --scope: unknown scope"),
        List.of("token", "create", "--name", "etl", "--scope", "read", "--expires", "tomorrow",
            "token create: --expires 'tomorrow' is not an RFC 3339 time"),
        List.of("token", "create", "--name", "etl", "--scope", "read", "--expires", "2001-01-01T00:00:00Z",
            "is not in the future"),
        List.of("token", "create", "--name", "", "--scope", "read", "--name must not be empty"),
        List.of("token", "create", "--name", longName, "--scope", "read", "--name has 101 characters; at most 100"),
        List.of("token", "create", "--scope", "read", "--name is required"),
        List.of("token", "create", "--name", "etl", "give at least one --scope"),
        List.of("token", "create", "--name", "etl", "--scope", "read", "--colour", "unknown option --colour"),
        List.of("token", "rotate", "token: unknown subcommand 'rotate'; use create, list, revoke"),
        List.of("token", "name a subcommand"),
        List.of("token", "revoke", "x1", "token revoke: ID must be a token's id"),
        List.of("token", "revoke", "token revoke: "));
    for (List<String> call : bad) {
      List<String> args = call.subList(0, call.size() - 1);
      Run run = pulseboard(env, args.toArray(new String[0]));
      assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.err().lines()).as(run.err()).hasSize(1);
      assertThat(run.err()).startsWith("pulseboard: ").contains(call.get(call.size() - 1));
      assertThat(run.out()).isEmpty();
    }
    assertThat(TestDatabase.queryLong(url,
        "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).as("not even migrated").isZero();
  }

  @Test
  void revoking_an_unknown_id_exits_2_with_one_line_and_revokes_nothing() throws Exception {
    String url = TestDatabase.create();
    Map<String, String> env = Map.of("DATABASE_URL", url);
    secretOf(pulseboard(env, "token", "create", "--name", "etl", "--scope", "write"));
    Run run = pulseboard(env, "token", "revoke", "42");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("pulseboard: token revoke: there is no token 42 (see token list)");
    assertThat(run.out()).isEmpty();
    assertThat(TestDatabase.queryLong(url, "SELECT count(*) FROM api_tokens WHERE revoked_at IS NOT NULL")).isZero();
  }

  @Test
  void bad_arguments_on_the_embedded_database_do_not_create_the_data_directory() throws Exception {
    Path dataDir = tmp.resolve("data");
    Run run = pulseboard(Map.of(), "token", "create", "--name", "etl", "--scope", "write:Bad-Id", "--data-dir",
        dataDir.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(Files.exists(dataDir)).isFalse();
  }
}
