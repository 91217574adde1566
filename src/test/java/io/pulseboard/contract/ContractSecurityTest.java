package io.pulseboard.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

/**
 * Every operation's {@code security} in the contract is what the server does, on a server with a
 * read token: open operations answer without a token, reads take the read token, writes refuse it.
 */
@ExtendWith(VertxExtension.class)
class ContractSecurityTest {
  private static final String READ_TOKEN = "contract-read-token-0123456789";
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN));
  private static final List<Operation> operations = new ArrayList<>();

  private record Operation(HttpMethod method, String path, List<String> schemes, boolean open) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** A goal and an alert rule with id 1, so their item reads have something to answer. */
  @BeforeAll
  static void storeAGoalAndARule() {
    TestDatabase.execute(running.db(), "INSERT INTO goals (id, metric_id, target, direction) "
        + "VALUES (1, 'weekly_users', 1e9, 'higher')");
    TestDatabase.execute(running.db(), "INSERT INTO alert_rules (id, name, metric_id, kind, above) "
        + "VALUES (1, 'walked', 'weekly_users', 'threshold', 1e12)");
  }

  @BeforeAll
  static void readOperations() throws Exception {
    Map<String, Object> yaml = new Yaml().load(Files.readString(Path.of("src/main/resources/openapi.yaml")));
    JsonObject paths = new JsonObject(yaml).getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      item.fieldNames().stream().filter(METHODS::contains).forEach(method -> {
        JsonArray security = item.getJsonObject(method).getJsonArray("security");
        assertThat(security).as("%s %s declares its security", method, path).isNotNull();
        List<String> schemes = security.stream().map(JsonObject.class::cast).flatMap(r -> r.fieldNames().stream())
            .toList();
        operations.add(new Operation(HttpMethod.valueOf(method.toUpperCase()),
            example(path), schemes, security.isEmpty()));
      });
    }
    assertThat(operations).hasSizeGreaterThanOrEqualTo(12);
  }

  /** The path with its required parameters filled in. */
  private static String example(String path) {
    boolean numbered = path.startsWith("/api/v1/goals/") || path.startsWith("/api/v1/alert-rules/");
    String filled = path.replace("{id}", numbered ? "1" : "weekly_users");
    if (filled.endsWith("/points/revisions")) {
      return filled + "?ts=2025-09-10T00:00:00Z&region=global"; // a seeded point
    }
    return filled.equals("/api/v1/changes") ? filled + "?since=0" : filled;
  }

  private static HttpResponse<Buffer> call(Http http, Operation op, String token) {
    return http.send(op.method(), op.path(), null, token, null);
  }

  @Test
  void open_operations_answer_without_a_token_and_the_others_need_one(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      for (Operation op : operations) {
        HttpResponse<Buffer> r = call(http, op, null);
        if (op.open()) {
          assertThat(r.statusCode()).as("%s without a token", op).isNotIn(401, 403);
        } else {
          assertThat(r.statusCode()).as("%s without a token", op).isEqualTo(401);
          assertThat(r.getHeader("WWW-Authenticate")).as("%s", op).startsWith("Bearer");
        }
      }
    }
  }

  @Test
  void the_read_token_opens_exactly_the_operations_that_list_it(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      for (Operation op : operations) {
        if (op.open()) {
          continue;
        }
        HttpResponse<Buffer> r = call(http, op, READ_TOKEN);
        if (op.schemes().contains("readToken")) {
          assertThat(r.statusCode()).as("%s with the read token", op).isEqualTo(200);
        } else {
          assertThat(op.schemes()).as("%s", op).contains("adminToken").isSubsetOf("adminToken", "writeToken");
          assertThat(r.statusCode()).as("%s with the read token", op).isEqualTo(403);
        }
      }
    }
  }
}
