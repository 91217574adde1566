package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestApp;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Walks every route the server serves, as its published contract lists them, in many spellings
 * of each path, with every method and every kind of caller, against a server whose reads need
 * a token: no spelling may give data, or write, without the right token.
 */
@ExtendWith(VertxExtension.class)
class RouteAccessTest {
  private static final String READ_TOKEN = "route-walk-read-token-0123";
  private static final Set<String> PUBLIC_PATHS = Set.of("/health/live", "/health/ready", "/api/v1/openapi.yaml");
  private static final String METRIC = "weekly_users";
  private static final long WAIT_MS = 10_000;
  private static final Map<String, String> BODIES = Map.of(
      "/api/v1/metrics/{id}", """
          {"name":"Weekly users","unit":"users","labels":["region"],"cadence":"P7D","display":"number"}""",
      "/api/v1/points", """
          {"points":[{"metric":"weekly_users","labels":{"region":"global"},"ts":"2026-01-05T00:00:00Z","value":1}]}""",
      "/api/v1/annotations", """
          {"ts":"2026-01-05T00:00:00Z","title":"walked"}""");
  private static final Map<String, String> QUERIES = Map.of("/api/v1/changes", "?since=0",
      "/api/v1/metrics/{id}/points/revisions", "?ts=2025-09-10T00:00:00Z&region=global");
  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN));

  /** Who calls, and which accesses their token grants. */
  enum Caller {
    NONE(null), WRONG("not-a-token-of-this-server-0123"), READER(READ_TOKEN), ADMIN(TestApp.ADMIN_TOKEN);

    final String token;

    Caller(String token) {
      this.token = token;
    }

    boolean mayRead() {
      return this == READER || this == ADMIN;
    }
  }

  /** The same path as clients and proxies may spell it: the router must resolve them all alike or not at all. */
  static Set<String> spellings(String path) {
    Set<String> v = new LinkedHashSet<>();
    int second = path.indexOf('/', 1);
    String head = second < 0 ? path : path.substring(0, second);
    String tail = second < 0 ? "" : path.substring(second);
    v.add(path);
    v.add(path + "/");
    v.add(path + "//");
    v.add(path + "/.");
    v.add(path + "/./");
    v.add(path + "/x/..");
    v.add("/" + path);
    v.add(path.replace("/", "//"));
    v.add(head + "/." + tail);
    v.add(head + "/x/.." + tail);
    v.add(head + "/%2e" + tail);
    v.add(head + "/x/%2e%2e" + tail);
    v.add(path + "%2F");
    int last = path.lastIndexOf('/');
    if (last > 0) {
      v.add(path.substring(0, last) + "%2F" + path.substring(last + 1));
    }
    v.add(encodeLetters(path, true));
    v.add(encodeLetters(path, false));
    v.add(path.toUpperCase(Locale.ROOT));
    v.add(path.substring(0, path.length() - 1) + path.substring(path.length() - 1).toUpperCase(Locale.ROOT));
    v.add(path + ";");
    v.add(path + "%20");
    return v;
  }

  /** Letters as {@code %XX}: the first of each segment, or all of them. */
  private static String encodeLetters(String path, boolean firstOnly) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      boolean first = i > 0 && path.charAt(i - 1) == '/';
      out.append(Character.isLetter(c) && (first || !firstOnly) ? String.format("%%%02X", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }

  private static boolean allowed(String template, HttpMethod method, Caller caller) {
    if (PUBLIC_PATHS.contains(template)) {
      return true;
    }
    return method == HttpMethod.GET || method == HttpMethod.HEAD ? caller.mayRead() : caller == Caller.ADMIN;
  }

  private static String concrete(String template, HttpMethod method, Caller caller) {
    // An admin's DELETE goes to a metric that does not exist, so the walk keeps its data to guard.
    String id = method == HttpMethod.DELETE && caller == Caller.ADMIN ? "walk_absent" : METRIC;
    return template.replace("{id}", id);
  }

  @Test
  void no_spelling_of_any_route_gives_data_or_writes_without_the_right_token(Vertx vertx) {
    List<String> violations = new ArrayList<>();
    int requests = 0;
    try (Http http = new Http(vertx, running.port())) {
      ContractOperations contract = ContractOperations.served(http);
      for (String template : contract.paths()) {
        for (HttpMethod method : ContractOperations.METHODS) {
          for (Caller caller : Caller.values()) {
            for (String path : spellings(concrete(template, method, caller))) {
              String body = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.DELETE
                  || method == HttpMethod.OPTIONS ? null : BODIES.getOrDefault(template, "{}");
              HttpResponse<Buffer> r = http.send(method, path + QUERIES.getOrDefault(template, ""), body,
                  caller.token, body == null ? null : "application/json");
              requests++;
              int status = r.statusCode();
              boolean success = status >= 200 && status < 300;
              if (status >= 500) {
                violations.add(method + " " + path + " as " + caller + ": " + status);
              } else if (success && !(contract.has(template, method) && allowed(template, method, caller))) {
                violations.add(method + " " + path + " as " + caller + ": " + status + " " + r.getHeader("Content-Type"));
              }
            }
          }
        }
      }
    }
    assertThat(violations).as("responses out of %d", requests).isEmpty();
    assertThat(requests).isGreaterThan(1000);
  }

  @Test
  void each_route_as_spelled_in_the_contract_grants_exactly_its_access(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      ContractOperations contract = ContractOperations.served(http);
      for (String template : contract.paths()) {
        for (HttpMethod method : contract.byPath().get(template).keySet()) {
          for (Caller caller : Caller.values()) {
            String path = concrete(template, method, caller) + QUERIES.getOrDefault(template, "");
            String body = BODIES.get(template);
            int status = http.send(method, path, method == HttpMethod.GET ? null : body, caller.token,
                body == null ? null : "application/json").statusCode();
            String what = method + " " + path + " as " + caller;
            if (allowed(template, method, caller)) {
              assertThat(status).as(what).isNotIn(401, 403).isLessThan(500);
            } else {
              assertThat(status).as(what).isEqualTo(caller == Caller.NONE ? 401 : 403);
            }
          }
        }
      }
    }
  }

  @Test
  void every_write_of_the_contract_declares_the_bearer_token(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      ContractOperations contract = ContractOperations.served(http);
      for (String template : contract.paths()) {
        for (HttpMethod method : contract.byPath().get(template).keySet()) {
          if (method != HttpMethod.GET) {
            // A requirement list with an empty alternative ({}) would let anonymous callers in.
            assertThat(contract.security(template, method)).as("%s %s", method, template)
                .isNotEmpty().noneMatch(Map::isEmpty);
          }
        }
      }
    }
  }

  @Test
  void the_dashboard_page_and_its_library_stay_public(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      for (String path : List.of("/", "/index.html", "/vendor/uplot/uPlot.min.css")) {
        assertThat(http.get(path).statusCode()).as(path).isEqualTo(200);
      }
    }
  }

  @Test
  void no_spelling_of_the_socket_path_opens_a_socket_without_the_read_token(Vertx vertx) {
    List<String> opened = new ArrayList<>();
    for (String path : spellings("/ws")) {
      for (String query : List.of("", "?token=not-a-token-of-this-server-0123")) {
        String outcome = firstFrameOrRefusal(vertx, path + query);
        if (outcome.startsWith("frame")) {
          opened.add(path + query + ": " + outcome);
        }
      }
    }
    assertThat(opened).isEmpty();
    assertThat(firstFrameOrRefusal(vertx, "/ws?token=" + READ_TOKEN)).startsWith("frame").contains("hello");
  }

  /** The first text frame a socket at this URI gets, or how it was refused or closed. */
  private static String firstFrameOrRefusal(Vertx vertx, String uri) {
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      ClientWebSocket ws = client.webSocket();
      Promise<String> first = Promise.promise();
      ws.textMessageHandler(text -> first.tryComplete("frame " + text));
      ws.closeHandler(v -> first.tryComplete("closed " + ws.closeStatusCode()));
      ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(running.port()).setURI(uri)
          .setTimeout(WAIT_MS)).await();
      return first.future().timeout(WAIT_MS, TimeUnit.MILLISECONDS).await();
    } catch (UpgradeRejectedException e) {
      return "refused " + e.getStatus();
    } finally {
      client.close();
    }
  }
}
