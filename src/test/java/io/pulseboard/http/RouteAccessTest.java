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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Walks every route the server serves, as its published contract lists them, in many spellings
 * of each path, with every method and every kind of caller (no token, a wrong one, and a token of
 * each scope), against a server whose reads need a token: no spelling may give data, or write,
 * without the right scope, and every refusal names the scope that was missing.
 */
@ExtendWith(VertxExtension.class)
class RouteAccessTest {
  private static final String READ_TOKEN = "route-walk-read-token-0123";
  private static final Set<String> PUBLIC_PATHS = Set.of("/health/live", "/health/ready", "/api/v1/openapi.yaml");
  private static final String METRIC = "weekly_users";
  private static final long WAIT_MS = 10_000;
  private static final String BOARD_ID = "korea-launch";
  private static final Map<String, String> BODIES = Map.of(
      "/api/v1/boards/{id}", exampleBoard(),
      "/api/v1/metrics/{id}", """
          {"name":"Weekly users","unit":"users","labels":["region"],"cadence":"P7D","display":"number"}""",
      "/api/v1/points", """
          {"points":[{"metric":"weekly_users","labels":{"region":"global"},"ts":"2026-01-05T00:00:00Z","value":1}]}""",
      "/api/v1/annotations", """
          {"ts":"2026-01-05T00:00:00Z","title":"walked"}""",
      "/api/v1/channels", """
          {"name":"walked","kind":"webhook","url":"https://hooks.example.com/walk","format":"json"}""",
      "/api/v1/channels/{id}", """
          {"name":"walked","kind":"webhook","url":"https://hooks.example.com/walk","format":"json"}""");
  private static final Map<String, String> QUERIES = Map.of("/api/v1/changes", "?since=0",
      "/api/v1/metrics/{id}/points/revisions", "?ts=2025-09-10T00:00:00Z&region=global");
  private static final String TOKENS_PATH = "/api/v1/tokens";
  /** The read routes a board:korea-launch token reaches, with the walk's ids: its board and a metric it shows. */
  private static final Set<String> BOARD_READS = Set.of("/api/v1/boards", "/api/v1/boards/{id}", "/api/v1/metrics",
      "/api/v1/metrics/{id}", "/api/v1/metrics/{id}/points", "/api/v1/metrics/{id}/points/revisions",
      "/api/v1/annotations");
  /** Paths whose reads need the admin scope too: the tokens, the alert channels and the delivery log. */
  private static final List<String> ADMIN_PATHS = List.of(TOKENS_PATH, "/api/v1/channels", "/api/v1/notifications");
  private static final String POINTS_PATH = "/api/v1/points";
  // The walk sends hundreds of wrong tokens at once; the limit on that is AuthFailureLimitTest's subject.
  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN,
      "PULSEBOARD_AUTH_FAILURE_LIMIT", "100000"));

  /** Who calls: no token, a wrong one, the environment's tokens, and a token of each other scope. */
  enum Caller {
    NONE(null), WRONG(null), READER(null), ADMIN(null), WRITER("write"), WRITE_ONE("write:" + METRIC),
    WRITE_OTHERS("write:sales_*"), BOARD("board:korea-launch");

    /** The scope of the token made for this caller through the API; null for the others. */
    final String scope;

    Caller(String scope) {
      this.scope = scope;
    }

    boolean mayRead() {
      return this == READER || this == ADMIN;
    }

    /** Whether it may read this route of the walk (as {@link #concrete} fills it in). */
    boolean mayRead(String template) {
      return mayRead() || (this == BOARD && BOARD_READS.contains(template));
    }

    /** Whether its scopes cover the walk's batch of points (of {@link #METRIC}). */
    boolean mayWritePoints() {
      return this == ADMIN || this == WRITER || this == WRITE_ONE;
    }
  }

  private static final Map<Caller, String> TOKENS = new EnumMap<>(Caller.class);

  @BeforeAll
  static void makeATokenOfEachScope() {
    Vertx vertx = Vertx.vertx();
    try (Http http = new Http(vertx, running.port())) {
      TOKENS.put(Caller.WRONG, "not-a-token-of-this-server-0123");
      TOKENS.put(Caller.READER, READ_TOKEN);
      TOKENS.put(Caller.ADMIN, TestApp.ADMIN_TOKEN);
      for (Caller caller : Caller.values()) {
        if (caller.scope != null) {
          HttpResponse<Buffer> r = http.send(HttpMethod.POST, "/api/v1/tokens", new JsonObject()
              .put("name", "walk " + caller).put("scopes", new JsonArray().add(caller.scope)).encode(),
              TestApp.ADMIN_TOKEN, "application/json");
          assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
          TOKENS.put(caller, r.bodyAsJsonObject().getString("token"));
        }
      }
    } finally {
      vertx.close().await();
    }
  }

  private static String token(Caller caller) {
    return TOKENS.get(caller);
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
    if (adminOnly(template)) {
      return caller == Caller.ADMIN;
    }
    if (template.equals(POINTS_PATH) && method == HttpMethod.POST) {
      return caller.mayWritePoints();
    }
    return method == HttpMethod.GET || method == HttpMethod.HEAD ? caller.mayRead(template) : caller == Caller.ADMIN;
  }

  private static boolean adminOnly(String template) {
    return ADMIN_PATHS.stream().anyMatch(template::startsWith);
  }

  /** The scope a refusal must name: what this route needs that this caller lacks. */
  private static String missingScope(String template, HttpMethod method, Caller caller) {
    if (template.equals(POINTS_PATH) && method == HttpMethod.POST) {
      return caller == Caller.WRITE_OTHERS ? "write:" + METRIC : "write";
    }
    boolean read = (method == HttpMethod.GET || method == HttpMethod.HEAD) && !adminOnly(template);
    return read ? "read" : "admin";
  }

  private static String concrete(String template, HttpMethod method, Caller caller) {
    // An admin's DELETE goes to a metric or board that does not exist, so the walk keeps its data to guard.
    boolean absent = method == HttpMethod.DELETE && caller == Caller.ADMIN;
    if (template.startsWith("/api/v1/boards/")) {
      return template.replace("{id}", absent ? "walk-absent" : BOARD_ID);
    }
    return template.replace("{id}", absent ? "walk_absent" : METRIC);
  }

  /** The seeded board as exported: an admin's PUT of it changes nothing. */
  private static String exampleBoard() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("docs/examples/korea-launch.board.json"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
                  token(caller), body == null ? null : "application/json");
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
            HttpResponse<Buffer> r = http.send(method, path, method == HttpMethod.GET ? null : body, token(caller),
                body == null ? null : "application/json");
            int status = r.statusCode();
            String what = method + " " + path + " as " + caller;
            if (allowed(template, method, caller)) {
              assertThat(status).as(what).isNotIn(401, 403).isLessThan(500);
            } else if (caller == Caller.NONE) {
              assertThat(status).as(what).isEqualTo(401);
            } else {
              assertThat(status).as(what).isEqualTo(403);
              if (method != HttpMethod.HEAD) {
                JsonObject problem = r.bodyAsJsonObject();
                assertThat(r.getHeader("Content-Type")).as(what).isEqualTo("application/problem+json");
                assertThat(problem.getString("type")).as(what).isEqualTo("urn:pulseboard:problem:forbidden");
                assertThat(problem.getString("missing_scope")).as(what)
                    .isEqualTo(missingScope(template, method, caller));
                assertThat(problem.getString("detail")).as(what).isNotBlank();
              }
            }
          }
        }
      }
    }
  }

  @Test
  void a_board_token_reaches_no_other_board_or_metric_in_any_spelling(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      assertThat(http.send(HttpMethod.PUT, "/api/v1/metrics/walk_hidden", BODIES.get("/api/v1/metrics/{id}"))
          .statusCode()).isIn(200, 201);
      assertThat(http.send(HttpMethod.PUT, "/api/v1/boards/other-board", new JsonObject().put("title", "Other")
          .put("sections", new JsonArray().add(new JsonObject().put("tiles", new JsonArray()
              .add(new JsonObject().put("kind", "kpi").put("metric", "walk_hidden"))))).encode()).statusCode())
          .isIn(200, 201);
      List<String> violations = new ArrayList<>();
      Set<String> paths = new LinkedHashSet<>();
      for (String target : List.of("/api/v1/boards/other-board", "/api/v1/boards/all", "/api/v1/metrics/walk_hidden",
          "/api/v1/metrics/walk_hidden/points")) {
        paths.addAll(spellings(target));
      }
      paths.addAll(List.of("/api/v1/boards/" + BOARD_ID + "/../other-board", "/api/v1/boards/" + BOARD_ID
          + "%2F..%2Fother-board", "/api/v1/boards/" + BOARD_ID + "/%2e%2e/other-board", "/api/v1/boards/Other-Board",
          "/api/v1/metrics/weekly_users/../walk_hidden", "/api/v1/metrics/weekly_users%2F..%2Fwalk_hidden/points"));
      for (String path : paths) {
        HttpResponse<Buffer> r = http.send(HttpMethod.GET, path, null, token(Caller.BOARD), null);
        if (r.statusCode() < 300 || r.statusCode() >= 500) {
          violations.add("GET " + path + ": " + r.statusCode() + " " + r.bodyAsString());
        }
      }
      for (String path : spellings("/api/v1/boards/" + BOARD_ID)) {
        HttpResponse<Buffer> r = http.send(HttpMethod.GET, path, null, token(Caller.BOARD), null);
        if (r.statusCode() == 200 && !BOARD_ID.equals(r.bodyAsJsonObject().getString("id"))) {
          violations.add("GET " + path + " gave another board: " + r.bodyAsString());
        }
      }
      assertThat(violations).isEmpty();
      assertThat(http.send(HttpMethod.GET, "/api/v1/boards/" + BOARD_ID + "/", null, token(Caller.BOARD), null)
          .statusCode()).as("its own board, spelled with a slash").isIn(200, 404);
    }
  }

  @Test
  void a_board_token_lists_only_its_board_and_the_metrics_it_shows(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      http.send(HttpMethod.PUT, "/api/v1/metrics/walk_listed", BODIES.get("/api/v1/metrics/{id}"));
      JsonArray boards = http.send(HttpMethod.GET, "/api/v1/boards", null, token(Caller.BOARD), null)
          .bodyAsJsonObject().getJsonArray("boards");
      assertThat(boards.stream().map(b -> ((JsonObject) b).getString("id"))).containsExactly(BOARD_ID);
      JsonArray metrics = http.send(HttpMethod.GET, "/api/v1/metrics", null, token(Caller.BOARD), null)
          .bodyAsJsonObject().getJsonArray("metrics");
      assertThat(metrics.stream().map(m -> ((JsonObject) m).getString("id")))
          .containsExactlyInAnyOrder("weekly_users", "weekly_users_yoy", "paid_subscribers_yoy", "offices");
      assertThat(http.send(HttpMethod.GET, "/api/v1/metrics", null, READ_TOKEN, null).bodyAsString())
          .contains("walk_listed");
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
      for (String path : List.of("/", "/index.html", "/vendor/uplot/uPlot.min.css", "/vendor/sortablejs/Sortable.min.js")) {
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

  @Test
  void each_token_may_use_each_socket_op_exactly_as_its_scopes_say(Vertx vertx) {
    for (Caller caller : Caller.values()) {
      if (caller == Caller.NONE || caller == Caller.WRONG) {
        continue;
      }
      List<JsonObject> frames = framesAfterSubscribing(vertx, "/ws?token=" + token(caller));
      assertThat(frames.get(0).getString("op")).as("%s", caller).isEqualTo("hello");
      JsonObject answer = frames.get(1);
      // The walk's metric is on the board a board:korea-launch token names.
      if (caller.mayRead() || caller == Caller.BOARD) {
        assertThat(answer.getString("op")).as("%s", caller).isEqualTo("snapshot");
      } else {
        assertThat(answer.getString("op")).as("%s", caller).isEqualTo("error");
        assertThat(answer.getString("code")).as("%s", caller).isEqualTo("forbidden");
        assertThat(answer.getString("missing_scope")).as("%s", caller).isEqualTo("read");
      }
      // ping and unsubscribe need no scope beyond the socket's: every token that opened one may.
      assertThat(frames.get(frames.size() - 1)).as("%s", caller)
          .isEqualTo(new JsonObject().put("op", "pong").put("id", 7));
      assertThat(frames).as("%s: hello, the answer, the pong and nothing else", caller).hasSize(3);
    }
  }

  /**
   * Opens a socket, subscribes to the walk's metric, unsubscribes and pings; gives every frame up
   * to the pong and of half a second after it.
   */
  private static List<JsonObject> framesAfterSubscribing(Vertx vertx, String uri) {
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      ClientWebSocket ws = client.webSocket();
      List<JsonObject> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
      Promise<Void> hello = Promise.promise();
      Promise<Void> answer = Promise.promise();
      Promise<Void> pong = Promise.promise();
      ws.textMessageHandler(text -> {
        JsonObject frame = new JsonObject(text);
        frames.add(frame);
        (frames.size() == 1 ? hello : "pong".equals(frame.getString("op")) ? pong : answer).tryComplete();
      });
      ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(running.port()).setURI(uri)
          .setTimeout(WAIT_MS)).await();
      hello.future().timeout(WAIT_MS, TimeUnit.MILLISECONDS).await();
      ws.writeTextMessage(new JsonObject().put("op", "subscribe").put("metrics", new JsonArray().add(METRIC))
          .encode()).await();
      answer.future().timeout(WAIT_MS, TimeUnit.MILLISECONDS).await();
      ws.writeTextMessage(new JsonObject().put("op", "unsubscribe").put("metrics", new JsonArray().add(METRIC))
          .encode()).await();
      ws.writeTextMessage(new JsonObject().put("op", "ping").put("id", 7).encode()).await();
      pong.future().timeout(WAIT_MS, TimeUnit.MILLISECONDS).await();
      // Long enough for a stray frame after the answer to arrive.
      vertx.timer(500).await();
      return List.copyOf(frames);
    } finally {
      client.close();
    }
  }

  /** The first text frame a socket at this URI gets, or how it was refused or closed. */
  private static String firstFrameOrRefusal(Vertx vertx, String uri) {
    WebSocketClient client = vertx.createWebSocketClient();
    Promise<String> first = Promise.promise();
    try {
      ClientWebSocket ws = client.webSocket();
      ws.textMessageHandler(text -> first.tryComplete("frame " + text));
      ws.closeHandler(v -> first.tryComplete("closed " + ws.closeStatusCode()));
      ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(running.port()).setURI(uri)
          .setTimeout(WAIT_MS)).await();
      return first.future().timeout(WAIT_MS, TimeUnit.MILLISECONDS).await();
    } catch (UpgradeRejectedException e) {
      return "refused " + e.getStatus();
    } catch (IllegalStateException e) {
      // The client fails its own connect when the server closed the socket before the client had
      // set it up (a refusal right after the upgrade); a frame sent before that is in first.
      return first.future().isComplete() ? first.future().result() : "closed during connect: " + e.getMessage();
    } finally {
      client.close();
    }
  }
}
