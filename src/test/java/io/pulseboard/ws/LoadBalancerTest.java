package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.AppProcess;
import io.pulseboard.ExternalTool;
import io.pulseboard.Http;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances behind nginx with the configuration of {@code docs/nginx/pulseboard.conf}, round
 * robin and no sticky sessions: when one instance stops, its client reconnects through nginx,
 * lands on the other and resumes with {@code since}, getting every change written meanwhile once.
 */
@ExtendWith(VertxExtension.class)
class LoadBalancerTest {
  private static final String SUBSCRIBE = "{\"op\":\"subscribe\",\"metrics\":[\"weekly_users\"],"
      + "\"labels\":{\"region\":\"lb\"}}";

  @Test
  void a_client_of_a_stopped_instance_resumes_on_the_other_through_nginx(Vertx vertx) throws Exception {
    Path nginx = ExternalTool.require(Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx",
        "nginx");
    String db = TestDatabase.create();
    Map<String, String> env = Map.of("DATABASE_URL", db, "PULSEBOARD_ADMIN_TOKEN", TestApp.ADMIN_TOKEN);
    List<String> args = List.of("--port", "0", "--host", "127.0.0.1");
    // One after the other: the first migrates and seeds the database.
    try (AppProcess first = AppProcess.start(args, env)) {
      int firstPort = first.awaitPort();
      try (AppProcess second = AppProcess.start(args, env)) {
        run(vertx, nginx, first, firstPort, second.awaitPort());
      }
    }
  }

  private static void run(Vertx vertx, Path nginx, AppProcess first, int firstPort, int secondPort) throws Exception {
    int proxyPort = freePort();
    Path dir = Files.createTempDirectory("nginx");
    Process proxy = startNginx(nginx, dir, proxyPort, firstPort, secondPort);
    try {
      resumeAcrossInstances(vertx, proxyPort, first);
    } finally {
      proxy.destroy();
      proxy.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void resumeAcrossInstances(Vertx vertx, int port, AppProcess first) throws Exception {
    Http http = new Http(vertx, port);
    // Round robin: the two sockets land on the two instances.
    List<WsClient> clients = List.of(subscribed(vertx, port, null), subscribed(vertx, port, null));
    long seen = post(http, 1);
    for (WsClient c : clients) {
      assertThat(seqs(c.next("update"))).containsExactly(seen);
    }
    first.terminate();
    WsClient moved = awaitOneClosed(clients);
    WsClient stayed = clients.get(0) == moved ? clients.get(1) : clients.get(0);
    List<Long> written = new ArrayList<>();
    for (int i = 2; i <= 4; i++) {
      written.add(post(http, i));
    }
    WsClient resumed = subscribed(vertx, port, seen);
    written.add(post(http, 5));
    assertThat(received(resumed, written.size())).isEqualTo(written);
    assertThat(received(stayed, written.size())).isEqualTo(written);
    resumed.close();
    stayed.close();
    http.close();
  }

  private static WsClient subscribed(Vertx vertx, int port, Long since) {
    WsClient c = WsClient.connect(vertx, port);
    JsonObject subscribe = new JsonObject(SUBSCRIBE);
    if (since != null) {
      subscribe.put("since", since);
    }
    c.send(subscribe);
    if (since == null) {
      c.next("snapshot");
    }
    return c;
  }

  private static WsClient awaitOneClosed(List<WsClient> clients) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      for (WsClient c : clients) {
        if (c.socket().isClosed()) {
          return c;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no socket was closed when its instance stopped");
  }

  private static List<Long> received(WsClient c, int count) {
    List<Long> seqs = new ArrayList<>();
    while (seqs.size() < count) {
      seqs.addAll(seqs(c.next("update")));
    }
    return seqs;
  }

  private static long post(Http http, int i) {
    return Points.post(http, Points.point("weekly_users", "lb", i, i));
  }

  private static List<Long> seqs(JsonObject update) {
    JsonArray items = update.getJsonArray("items");
    return items.stream().map(item -> ((JsonObject) item).getLong("seq")).toList();
  }

  /** nginx in the foreground with the documented server block, its ports set to these. */
  private static Process startNginx(Path nginx, Path dir, int listen, int first, int second) throws Exception {
    String site = Files.readString(Path.of("docs/nginx/pulseboard.conf"))
        .replace("127.0.0.1:8080", "127.0.0.1:" + listen)
        .replace("127.0.0.1:8081", "127.0.0.1:" + first)
        .replace("127.0.0.1:8082", "127.0.0.1:" + second);
    String conf = "pid " + dir.resolve("nginx.pid") + ";\nerror_log " + dir.resolve("error.log") + " warn;\n"
        + "events { worker_connections 256; }\nhttp {\n  access_log off;\n"
        + "  client_body_temp_path " + dir.resolve("body") + ";\n  proxy_temp_path " + dir.resolve("proxy") + ";\n"
        + "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n  uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
        + "  scgi_temp_path " + dir.resolve("scgi") + ";\n" + site + "\n}\n";
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf);
    Process p = new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", file.toString(), "-g", "daemon off;")
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", listen)) {
        return p;
      } catch (java.io.IOException notYet) {
        if (!p.isAlive()) {
          throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("stdout.log")));
        }
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("nginx did not listen");
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
